using System.Globalization;

namespace PixelHolo.Media.Composition;

/// <summary>The profile's JPEG frame store, frames/000001.jpg …, addressed by 0-based index (what
/// <c>AvatarFrame.SourceFrame</c> refers to).</summary>
internal sealed class FrameStore
{
    public const string FolderName = "frames";

    private FrameStore(string folder, int count)
    {
        Folder = folder;
        Count = count;
    }

    public string Folder { get; }

    public int Count { get; }

    public static FrameStore Open(string profileFolder, string profileName)
    {
        string folder = Path.Combine(profileFolder, FolderName);
        int count = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jpg").Length : 0;
        if (count == 0)
        {
            throw new FileNotFoundException(
                $"Profile '{profileName}' has no frame store ({FolderName}/000001.jpg …) in {profileFolder}, so it cannot be animated. Delete the profile and upload the clip again.",
                Path.Combine(folder, "000001.jpg"));
        }
        // The files are written consecutively by ffmpeg; a gap would make indices lie, so check the last one exists.
        if (!File.Exists(PathIn(folder, count - 1)))
        {
            throw new InvalidDataException($"Profile '{profileName}': {FolderName}/ holds {count} JPEGs but not {FileName(count - 1)}; the frame store is damaged. Delete the profile and upload the clip again.");
        }
        return new FrameStore(folder, count);
    }

    public static string FileName(int index) => (index + 1).ToString("D6", CultureInfo.InvariantCulture) + ".jpg";

    public string PathOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return PathIn(Folder, index);
    }

    public Task<byte[]> ReadJpegAsync(int index, CancellationToken cancellationToken) => File.ReadAllBytesAsync(PathOf(index), cancellationToken);

    public async Task<RgbImage> DecodeAsync(int index, CancellationToken cancellationToken) =>
        RgbImage.DecodeJpeg(await ReadJpegAsync(index, cancellationToken), $"Frame {FileName(index)} in {Folder}");

    private static string PathIn(string folder, int index) => Path.Combine(folder, FileName(index));
}
