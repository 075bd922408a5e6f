using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;
using Xunit.Abstractions;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ShotChangeDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Find_Probe()
    {
        foreach (string clip in new[] { "/tmp/cut_heavy_24s.mp4", SharedMedia.Path("videos/grid_s1_concat.mp4"), SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), SharedMedia.Path("videos/face_sideways_720p_6s.mp4"), SharedMedia.Path("videos/talking_address_hdtf_8s.mp4") })
        {
            var sigs = new List<FrameSignature>();
            await foreach (VideoFrame f in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip), CancellationToken.None)) { sigs.Add(FrameSignature.From(f.Rgb24, f.Width, f.Height)); }
            double fps = clip.Contains("grid") || clip.Contains("cut_heavy") || clip.Contains("hdtf") ? 25 : 30;
            double[] scores = ShotChangeDetector.Scores(sigs, fps);
            List<int> cuts = ShotChangeDetector.Find(sigs, fps);
            output.WriteLine($"{Path.GetFileName(clip)}: {cuts.Count} cuts: {string.Join(",", cuts.Select(c => $"{c}({scores[c]:F1})"))}");
            var top = scores.Select((s, i) => (s, i)).Where(p => !cuts.Contains(p.i)).OrderByDescending(p => p.s).Take(6);
            output.WriteLine("  top non-cuts: " + string.Join(",", top.Select(p => $"{p.i}({p.s:F2})")));
        }
    }
}
