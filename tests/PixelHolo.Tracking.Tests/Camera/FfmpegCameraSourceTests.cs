using Microsoft.Extensions.Options;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Camera;

namespace PixelHolo.Tracking.Tests.Camera;

public sealed class FfmpegCameraSourceTests
{
    [Fact]
    public async Task ReadFramesAsync_ShortClip_LoopsPastItsEndAtTheConfiguredSize()
    {
        using var temp = new TempDirectory("camera");
        string clip = temp.File("clip.mp4");
        // 8 frames (0.27 s) of a real clip: reading 20 frames proves the loop.
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), "-frames:v", "8", "-an", "-c:v", "libx264", clip);
        var camera = new FfmpegCameraSource(new CameraOptions { Source = clip, Width = 160, Height = 120 }, Reader(), TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var frames = new List<(long Index, int Length, byte Sample)>();
        await foreach (CameraFrame frame in camera.ReadFramesAsync(cts.Token))
        {
            frames.Add((frame.Index, frame.Pixels.Length, frame.Pixels[(60 * 160 + 80) * 3]));
            if (frames.Count == 20) { break; }
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(160 * 120 * 3, f.Length));
        // 16:9 into 4:3 → black bars above and below; the middle holds the picture.
        Assert.Contains(frames, f => f.Sample > 20);
    }

    [Fact]
    public async Task ReadFramesAsync_NoSuchDevice_SaysHowToEnableTracking()
    {
        var camera = new FfmpegCameraSource(new CameraOptions { Source = "/dev/video-missing" }, Reader(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CameraUnavailableException>(async () =>
        {
            await foreach (CameraFrame frame in camera.ReadFramesAsync()) { Assert.Fail($"frame {frame.Index} from a missing camera"); }
        });

        Assert.Contains("No camera at /dev/video-missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tracking:Camera:Source", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFramesAsync_FileThatIsNotVideo_ReportsFfmpegError()
    {
        var camera = new FfmpegCameraSource(new CameraOptions { Source = SharedMedia.Path("fixtures/corrupt_truncated.mp4") }, Reader(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<CameraUnavailableException>(async () =>
        {
            await foreach (CameraFrame frame in camera.ReadFramesAsync()) { Assert.Fail($"frame {frame.Index} from a corrupt file"); }
        });

        Assert.Contains("gave 0 frames", error.Message, StringComparison.Ordinal);
    }

    private static FfmpegFrameReader Reader()
    {
        var runner = new FfmpegRunner(Options.Create(new FfmpegOptions()));
        return new FfmpegFrameReader(runner, new MediaProbe(runner));
    }
}
