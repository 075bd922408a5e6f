using System.Globalization;
using PixelHolo.Core.Profiles;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Composition;

/// <summary>A profile folder with a real frame store (small JPEGs cut from a shared clip by ffmpeg) and a manifest that says
/// where the person speaks, for the streaming renderers.</summary>
internal sealed class FrameStoreProfile : IDisposable
{
    private readonly TempDirectory _folder = new("pixelholo-profile");

    private FrameStoreProfile(AvatarProfile profile) => Profile = profile;

    public AvatarProfile Profile { get; private set; }

    public string Folder => _folder.Path;

    /// <summary>Cuts <paramref name="seconds"/> of <paramref name="clip"/> at 25 fps into frames/ at 64 px wide and writes a
    /// manifest whose speech spans are <paramref name="speech"/> (seconds).</summary>
    public static async Task<FrameStoreProfile> CreateAsync(string clip, double seconds, IReadOnlyList<(double Start, double End)> speech, int width = 64)
    {
        var result = new FrameStoreProfile(null!);
        string frames = Directory.CreateDirectory(Path.Combine(result.Folder, "frames")).FullName;
        await TestProcess.FfmpegAsync("-i", clip, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-an",
            "-vf", $"fps=25,scale={width}:-2", "-q:v", "4", "-start_number", "1", Path.Combine(frames, "%06d.jpg"));
        string spans = string.Join(", ", speech.Select(s => string.Create(CultureInfo.InvariantCulture, $"{{\"start\": \"{TimeSpan.FromSeconds(s.Start):c}\", \"end\": \"{TimeSpan.FromSeconds(s.End):c}\"}}")));
        int count = Directory.GetFiles(frames, "*.jpg").Length;
        await File.WriteAllTextAsync(Path.Combine(result.Folder, "manifest.json"),
            $"{{\"frames\": {{\"count\": {count}, \"framesPerSecond\": 25}}, \"speech\": {{\"checked\": true, \"spans\": [{spans}]}}}}");
        result.Profile = new AvatarProfile("p-" + Guid.NewGuid().ToString("N")[..8], "Ada", "", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, result.Folder);
        return result;
    }

    public void Dispose() => _folder.Dispose();
}
