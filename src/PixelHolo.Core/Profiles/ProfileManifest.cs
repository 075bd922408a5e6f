using System.Text.Json.Serialization;

namespace PixelHolo.Core.Profiles;

/// <summary>A profile's manifest.json: what enrollment produced, written last, read by the stage page
/// (<c>site/assets/stage/*.js</c>: artifacts, display, stage), the uploader (videoSeconds, matte, findings), the status page
/// (models) and the renderers (frames, speech, idleLoop, still). The JSON names are the contract: the fixed fields here, the
/// steps' typed sections (<see cref="EnrollmentFacts"/>) beside them at the top level, and any other top-level field kept as
/// it was on every read and write.</summary>
public sealed record ProfileManifest : EnrollmentFacts
{
    /// <summary>An empty manifest (for the serializer and initialisers).</summary>
    public ProfileManifest()
    {
    }

    /// <summary>A manifest holding the sections <paramref name="facts"/> has (the pipeline adds the fixed fields).</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public ProfileManifest(EnrollmentFacts facts, string profileId)
        : base(facts) => ProfileId = profileId;

    [JsonPropertyName("profileId")] public required string ProfileId { get; init; }

    [JsonPropertyName("sourceFileName")] public string SourceFileName { get; init; } = "";

    [JsonPropertyName("videoSeconds")] public double VideoSeconds { get; init; }

    [JsonPropertyName("elapsedSeconds")] public double ElapsedSeconds { get; init; }

    [JsonPropertyName("artifacts")] public IReadOnlyList<ManifestArtifact> Artifacts { get; init; } = [];

    [JsonPropertyName("models")] public IReadOnlyList<ManifestModel> Models { get; init; } = [];

    [JsonPropertyName("findings")] public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Seconds per step, by stage name.</summary>
    [JsonPropertyName("stages")] public IReadOnlyDictionary<string, double> Stages { get; init; } = new Dictionary<string, double>();
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

/// <summary>Source-generated JSON for the manifest (indented, as on disk; camelCase names). <see cref="EnrollmentFacts"/>
/// alone reads the sections of a manifest that need not have the fixed fields (the lip-sync evaluation writes only frames
/// and speech).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProfileManifest))]
[JsonSerializable(typeof(EnrollmentFacts))]
public sealed partial class ProfileManifestJsonContext : JsonSerializerContext;
