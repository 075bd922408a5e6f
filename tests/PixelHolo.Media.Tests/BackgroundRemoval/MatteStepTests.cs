using PixelHolo.Core.Media;
using PixelHolo.Core.Profiles;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

[Collection(nameof(MattingModelGroup))]
public sealed class MatteStepTests(MattingFixture fixture)
{
    [Fact]
    public async Task MatteStep_GreenScreenClip_WritesMatteAndJpegFramesWithBlackCorners()
    {
        using var temp = new TempDirectory();
        string source = SharedMedia.Path("videos/greenscreen_man_3s.mp4");
        var context = new Core.Enrollment.EnrollmentContext("p1", source, "greenscreen_man_3s.mp4", temp.Path);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));   // three model runs: generous for a machine shared 20 ways
        var step = fixture.Get<MatteStep>();

        await step.RunAsync(context, new Progress<double>(), cts.Token);

        Assert.Equal("matte", step.Name);
        Assert.Contains(MatteStep.VideoFile, context.Artifacts);
        Assert.True(context.Models.ContainsKey("isnet-medium"));
        MatteFacts matte = Assert.IsType<MatteFacts>(context.Facts.Matte);
        Assert.Equal(0, matte.Cuts);
        Assert.Equal(1, matte.Shots);
        Assert.InRange(matte.Confidence!.Value, 0.5, 1.0);
        Assert.Empty(matte.LowConfidence!);
        Assert.False(fixture.Get<IsNetMatteModel>().IsLoaded);   // released after the job: the server rests small
        List<VideoFrame> frames = await MatteAssert.DecodeAsync(context.PathOf(MatteStep.VideoFile), cts.Token);
        string[] jpegs = Directory.GetFiles(context.PathOf(MatteStep.FramesFolder), "*.jpg");
        Assert.Equal(frames.Count, jpegs.Length);
        Assert.Equal(new FrameStoreFacts(jpegs.Length, 25, MatteStep.FramesFolder), context.Facts.Frames);
        Assert.True(File.Exists(Path.Combine(context.PathOf(MatteStep.FramesFolder), "000001.jpg")));
        Assert.InRange(frames.Count, 75, 80);
        await MatteAssert.BlackCornersAndLitCentreAsync(frames, "green screen");
    }
}
