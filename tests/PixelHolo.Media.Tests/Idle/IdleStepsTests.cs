using PixelHolo.Core.Enrollment;
using PixelHolo.Core.Media;
using PixelHolo.Core.Vision;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Idle;
using PixelHolo.Media.Tests.BackgroundRemoval;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Idle;

[Collection(nameof(MattingModelGroup))]
public sealed class IdleStepsTests(MattingFixture fixture)
{
    [Fact]
    public async Task StillAndIdleLoopSteps_AfterMatte_WriteStillWithAFaceAndABlackCorneredLoop()
    {
        using var temp = new TempDirectory();
        string source = SharedMedia.Path("videos/greenscreen_man_3s.mp4");
        var context = new EnrollmentContext("p2", source, "greenscreen_man_3s.mp4", temp.Path);
        // A hang guard, not a time limit: the matte, still and loop took more than 4 min on the shared machine under load.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await fixture.Get<MatteStep>().RunAsync(context, new Progress<double>(), cts.Token);

        await fixture.Get<StillStep>().RunAsync(context, new Progress<double>(), cts.Token);
        await fixture.Get<IdleLoopStep>().RunAsync(context, new Progress<double>(), cts.Token);

        Assert.Contains(StillStep.FileName, context.Artifacts);
        Assert.Contains(IdleLoopStep.FileName, context.Artifacts);
        Assert.NotNull(context.Facts.Still?.Score);
        Assert.NotNull(context.Facts.IdleLoop);
        Assert.InRange(context.Facts.IdleLoop.EndFrame - context.Facts.IdleLoop.StartFrame, 49, 78);
        // No speech timeline was given: the loop comes from the whole clip and a finding says so.
        Assert.Contains(context.Findings, f => f.Contains("idle loop", StringComparison.Ordinal));
        VideoFrame still = Assert.Single(await MatteAssert.DecodeAsync(context.PathOf(StillStep.FileName), cts.Token));
        Assert.Single(fixture.Get<IFaceDetector>().Detect(still.Rgb24, still.Width, still.Height));
        List<VideoFrame> loop = await MatteAssert.DecodeAsync(context.PathOf(IdleLoopStep.FileName), cts.Token);
        Assert.InRange(loop.Count, 50, 78);                  // at least the 2 s minimum at 25 fps, at most the clip
        await MatteAssert.BlackCornersAndLitCentreAsync(loop, "idle loop");
        MediaInfo info = await FfmpegTools.Probe.ProbeAsync(context.PathOf(IdleLoopStep.FileName), cts.Token);
        Assert.Equal(25, info.Video!.FramesPerSecond, 1);
    }
}
