using System.Text.Json;
using PixelHolo.Core.Profiles;
using PixelHolo.Enrollment;

namespace PixelHolo.Web.Endpoints;

/// <summary>A ready profile's manifest as the endpoints read it, or what is wrong with the folder (removed or damaged under
/// the running server: every ready profile's enrollment wrote one), said instead of a 500.</summary>
internal sealed record ManifestRead(ProfileManifest? Manifest, string? Problem)
{
    public static async Task<ManifestRead> FromAsync(AvatarProfile profile, CancellationToken cancellationToken)
    {
        try
        {
            return await ProfileManifestFile.ReadAsync(profile.Folder, cancellationToken) is { } manifest
                ? new(manifest, null)
                : new(null, $"The profile's files are missing ({ProfileManifestFile.FileName} is not in its folder). Delete the profile and upload the video again.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new(null, $"The profile's files are missing or damaged ({ex.GetType().Name}: {ex.Message}). Delete the profile and upload the video again.");
        }
    }
}
