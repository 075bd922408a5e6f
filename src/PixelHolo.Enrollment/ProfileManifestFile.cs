using System.Text.Json;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Enrollment;

/// <summary>The one reader and writer of a profile folder's manifest.json (<see cref="ProfileManifest"/>, source-generated
/// JSON): the pipeline writes it last, the web host reads it for the profile page, the licences and the display settings,
/// and rewrites it when the operator edits those. Writes go to a temporary file in the same folder, then a move, so a reader
/// sees the old manifest or the new one, never half of one.</summary>
public static class ProfileManifestFile
{
    public const string FileName = "manifest.json";

    /// <summary>The manifest of <paramref name="profileFolder"/>, or null when the folder has none.</summary>
    /// <exception cref="JsonException">The file is not a manifest (damaged, or a required field missing).</exception>
    public static async Task<ProfileManifest?> ReadAsync(string profileFolder, CancellationToken cancellationToken)
    {
        string path = Path.Combine(profileFolder, FileName);
        if (!File.Exists(path)) { return null; }
        await using FileStream stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, ProfileManifestJsonContext.Default.ProfileManifest, cancellationToken)
            ?? throw new JsonException($"{path} holds null, not a manifest.");
    }

    /// <summary>Writes <paramref name="manifest"/> into <paramref name="profileFolder"/> atomically (temp file, flush, move).</summary>
    public static async Task WriteAsync(string profileFolder, ProfileManifest manifest, CancellationToken cancellationToken)
    {
        string target = Path.Combine(profileFolder, FileName);
        string temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (FileStream stream = File.Create(temp))
            {
                await JsonSerializer.SerializeAsync(stream, manifest, ProfileManifestJsonContext.Default.ProfileManifest, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // nothing when the move happened
        }
    }
}
