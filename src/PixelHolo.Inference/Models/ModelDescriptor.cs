using System.Text.Json.Serialization;

namespace PixelHolo.Inference.Models;

/// <summary>One model of the manifest (<c>models/manifest.json</c>): what it is, where it comes from, how to check it.</summary>
/// <param name="File">The file in the models folder, or for a bundle (<paramref name="Files"/> set) its folder.</param>
/// <param name="Sha256">The file's sha256; for a bundle from an archive, the archive's — null where upstream publishes none.</param>
/// <param name="Group">The group `pixelholo models pull GROUP` fetches it with: "tts", "stt", "turn", "llm", or null.</param>
/// <param name="Files">For a bundle: its files inside the folder, each with size and sha256 where known.</param>
/// <param name="Note">What the user must know before fetching it (terms, attribution, what is not pinned); printed by pull.</param>
/// <param name="CommercialUse">Whether the licence (code and weights) allows commercial use, attribution or share-alike
/// terms aside; null when the manifest does not say (the licence summary treats that as "check the licence").</param>
public sealed record ModelDescriptor(
    string Id,
    string File,
    string Use,
    string Engine,
    ModelKind Kind,
    string Licence,
    long SizeBytes,
    string? Sha256,
    ModelSource Source,
    string? Group = null,
    IReadOnlyList<ModelFileEntry>? Files = null,
    string? Note = null,
    bool? CommercialUse = null)
{
    /// <summary>True for a folder of several files (a native runtime or a model archive).</summary>
    public bool IsBundle => Files is { Count: > 0 };
}

/// <summary>One file of a bundle: its path inside the bundle folder (and inside the npm package for npm-files), its size
/// and sha256 where known.</summary>
public sealed record ModelFileEntry(string Path, long? SizeBytes, string? Sha256);

/// <summary>Packaged models come from a package registry we reach (tests use them); downloaded ones come from model hubs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelKind>))]
public enum ModelKind
{
    [JsonStringEnumMemberName("packaged")] Packaged,
    [JsonStringEnumMemberName("download")] Download,
}

/// <summary>Where a model's bytes come from.</summary>
/// <param name="Type">"npm" (one file in a package), "npm-chunks" (chunks listed in a resources.json), "url", "npm-files"
/// (a bundle's files from one package) or "archive" (a bundle from a .tar.bz2/.tar.gz at <paramref name="Url"/>, whose
/// top folder is <paramref name="Path"/>).</param>
/// <param name="Package">npm package name.</param>
/// <param name="Version">npm package version.</param>
/// <param name="Path">File inside the package (below "package/").</param>
/// <param name="Key">For npm-chunks: the key in resources.json.</param>
/// <param name="Url">For url: the address.</param>
public sealed record ModelSource(string Type, string? Package, string? Version, string? Path, string? Key, string? Url);
