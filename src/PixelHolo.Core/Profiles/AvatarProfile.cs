using System.Text.Json.Serialization;

namespace PixelHolo.Core.Profiles;

/// <summary>One avatar: a person enrolled from one upload.</summary>
/// <param name="Id">Stable identifier, also the folder name under runtime/profiles.</param>
/// <param name="Name">Display name given at upload.</param>
/// <param name="Personality">The "Personality &amp; Identity" text, possibly empty.</param>
/// <param name="CreatedUtc">When the upload was accepted.</param>
/// <param name="Status">Where the profile is in its life.</param>
/// <param name="Folder">Absolute path of the finished profile folder (empty until ready).</param>
public sealed record AvatarProfile(
    string Id, string Name, string Personality, DateTimeOffset CreatedUtc, ProfileStatus Status, string Folder);

/// <summary>Where a profile is in its life (JSON, as the uploader reads it: "enrolling", "ready", "failed").</summary>
public enum ProfileStatus
{
    [JsonStringEnumMemberName("enrolling")] Enrolling,
    [JsonStringEnumMemberName("ready")] Ready,
    [JsonStringEnumMemberName("failed")] Failed,
}
