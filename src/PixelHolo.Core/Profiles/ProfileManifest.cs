using System.Text.Json;
using System.Text.Json.Serialization;

namespace PixelHolo.Core.Profiles;

/// <summary>A profile's manifest.json: what enrollment produced, written last, read by the stage page
/// (<c>site/assets/stage/*.js</c>: artifacts, display, stage), the uploader (videoSeconds, matte, findings), the status page
/// (models) and the renderers (frames, speech, idleLoop). The JSON names are the contract; the steps' facts ("source",
/// "frames", "matte", "still", "idleLoop", "voice", "content", "lipsync", "speech", "display", and anything an earlier or
/// later version wrote) sit at the top level beside the fixed fields and are kept as they are on every read and write.</summary>
public sealed record ProfileManifest
{
    [JsonPropertyName("profileId")] public required string ProfileId { get; init; }

    [JsonPropertyName("sourceFileName")] public string SourceFileName { get; init; } = "";

    [JsonPropertyName("videoSeconds")] public double VideoSeconds { get; init; }

    [JsonPropertyName("elapsedSeconds")] public double ElapsedSeconds { get; init; }

    [JsonPropertyName("artifacts")] public IReadOnlyList<ManifestArtifact> Artifacts { get; init; } = [];

    [JsonPropertyName("models")] public IReadOnlyList<ManifestModel> Models { get; init; } = [];

    [JsonPropertyName("findings")] public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Seconds per step, by stage name.</summary>
    [JsonPropertyName("stages")] public IReadOnlyDictionary<string, double> Stages { get; init; } = new Dictionary<string, double>();

    /// <summary>The steps' facts and any other top-level field, by name, as written.</summary>
    /// Settable: System.Text.Json cannot fill extension data through an init accessor.
    [JsonExtensionData] public Dictionary<string, JsonElement> Facts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One file of the profile folder, relative to it, with its size and SHA-256 (lower-case hex).</summary>
public sealed record ManifestArtifact(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sizeBytes")] long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>A model enrollment used, with its licence.</summary>
public sealed record ManifestModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("licence")] string Licence);

/// <summary>Source-generated JSON for the manifest (indented, as on disk).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ProfileManifest))]
public sealed partial class ProfileManifestJsonContext : JsonSerializerContext;
