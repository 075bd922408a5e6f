using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Media;
using PixelHolo.Core.Vision;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Idle;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.Media.Validation;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Idle;

public sealed class StillSelectorTests : IDisposable
{
    private readonly ServiceProvider _services;

    public StillSelectorTests() => _services = FaceDetectionServices.Create();

    [Fact]
    public async Task ChooseAsync_TalkingHeadWithSpeechAtStart_ReturnsAFrameWithOneFaceOutsideSpeech()
    {
        string clip = SharedMedia.Path("fixtures/cut_5s.mp4");
        VideoStreamInfo info = (await FfmpegTools.Probe.ProbeAsync(clip)).Video!;
        var detector = _services.GetRequiredService<IFaceDetector>();
        var speech = new SpeechTimeline(true, [new SpeechSpan(TimeSpan.Zero, TimeSpan.FromSeconds(2))]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        StillChoice still = await new StillSelector(FfmpegTools.Reader, detector).ChooseAsync(clip, info, speech, new IdleOptions(), cts.Token);

        Assert.False(still.DuringSpeech);
        Assert.InRange(still.FrameIndex, 60, 149);
        Assert.InRange(still.Facing, 0, 0.3);
        VideoFrame frame = await FirstAsync(FfmpegTools.Reader.ReadAsync(
            new FrameReadRequest(clip, info.Width, info.Height, info.FramesPerSecond, Start: still.Time, MaxFrames: 1), cts.Token));
        Assert.Single(detector.Detect(frame.Rgb24, frame.Width, frame.Height));
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

    public void Dispose() => _services.Dispose();
}
