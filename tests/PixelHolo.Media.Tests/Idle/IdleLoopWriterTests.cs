using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Idle;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Idle;

public sealed class IdleLoopWriterTests
{
    [Fact]
    public async Task WriteAsync_LoopWithCrossFade_EndBlendsIntoFramesBeforeStart()
    {
        using var temp = new TempDirectory();
        string clip = SharedMedia.Path("fixtures/cut_5s.mp4");
        string loop = temp.File("idle.mp4");
        var writer = new IdleLoopWriter(FfmpegTools.Reader, FfmpegTools.Runner);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        int written = await writer.WriteAsync(clip, 480, 480, 30, start: 30, end: 90, crossFadeFrames: 5, FfmpegFrameWriter.DefaultH264Options, loop, cts.Token);

        Assert.Equal(60, written);
        var frames = new List<VideoFrame>();
        await foreach (VideoFrame f in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(loop), cts.Token)) { frames.Add(f); }
        Assert.Equal(60, frames.Count);
        byte[] before = (await FirstAsync(FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip, 480, 480, 30, Start: TimeSpan.FromSeconds(29 / 30.0), MaxFrames: 1), cts.Token))).Rgb24;
        byte[] unblended = (await FirstAsync(FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip, 480, 480, 30, Start: TimeSpan.FromSeconds(89 / 30.0), MaxFrames: 1), cts.Token))).Rgb24;
        // The loop's last frame is 5/6 the frame just before the start, so the jump back to the start is one ordinary frame step.
        Assert.True(Distance(frames[^1].Rgb24, before) < Distance(frames[^1].Rgb24, unblended) / 2);
    }

    private static async Task<VideoFrame> FirstAsync(IAsyncEnumerable<VideoFrame> frames)
    {
        await foreach (VideoFrame f in frames) { return f; }
        throw new InvalidOperationException("No frame decoded.");
    }

    private static double Distance(byte[] a, byte[] b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++) { sum += Math.Abs(a[i] - b[i]); }
        return sum / (double)a.Length;
    }
}
