using System.Text.Json.Serialization;

namespace PixelHolo.Inference.Models;

/// <summary>One model of the manifest (<c>models/manifest.json</c>): what it is, where it comes from, how to check it.</summary>
public sealed record ModelDescriptor(
    string Id,
    string File,
    string Use,
    string Engine,
    ModelKind Kind,
    string Licence,
    long SizeBytes,
    string Sha256,
    ModelSource Source);

/// <summary>Packaged models come from a package registry we reach (tests use them); downloaded ones come from model hubs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    [JsonStringEnumMemberName("packaged")] Packaged,
    [JsonStringEnumMemberName("download")] Download,
}

/// <summary>Where a model's bytes come from.</summary>
/// <param name="Type">"npm" (one file in a package), "npm-chunks" (chunks listed in a resources.json), or "url".</param>
/// <param name="Package">npm package name.</param>
/// <param name="Version">npm package version.</param>
/// <param name="Path">File inside the package (below "package/").</param>
/// <param name="Key">For npm-chunks: the key in resources.json.</param>
/// <param name="Url">For url: the address.</param>
public sealed record ModelSource(string Type, string? Package, string? Version, string? Path, string? Key, string? Url);
