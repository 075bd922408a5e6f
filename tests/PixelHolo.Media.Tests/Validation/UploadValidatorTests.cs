using Microsoft.Extensions.Options;
using PixelHolo.Core.Media;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Tests.Validation;

public sealed class UploadValidatorTests
{
    private static readonly UploadValidator Validator = new(FfmpegTools.Probe, Options.Create(new UploadLimits()));

    private static MediaInfo Media(double seconds, int width = 640, int height = 480, double fps = 30, bool audio = true, int rotation = 0, bool vfr = false) =>
        new("mov,mp4", TimeSpan.FromSeconds(seconds), 1000,
            new VideoStreamInfo("h264", width, height, fps, rotation, vfr, "yuv420p"), audio ? new AudioStreamInfo("aac", 44_100, 2) : null);

    [Fact]
    public void Check_GoodMinuteLongClip_NoProblemsNoWarnings()
    {
        var (problems, warnings) = Validator.Check(Media(75));

        Assert.Empty(problems);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_FrameRateAndResolutionOutOfRange_BothReported()
    {
        var (problems, _) = Validator.Check(Media(30, width: 320, height: 200, fps: 8));

        Assert.Equal(["frame-rate", "resolution"], problems.Select(p => p.Code));
        Assert.Contains("8 frames per second", problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SmallButAcceptable_WarnsSoftAndShort()
    {
        var (problems, warnings) = Validator.Check(Media(20, width: 360, height: 288, fps: 25));

        Assert.Empty(problems);
        Assert.Contains(warnings, w => w.Contains("soft", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("a minute or more", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PortraitPhoneVideoRotated_UsesDisplaySize()
    {
        var (problems, warnings) = Validator.Check(Media(90, width: 1920, height: 1080, rotation: 90));

        Assert.Empty(problems);
        Assert.Empty(warnings);
        Assert.Equal((1080, 1920), (Media(90, 1920, 1080, rotation: 90).Video!.DisplayWidth, Media(90, 1920, 1080, rotation: 90).Video!.DisplayHeight));
    }

    [Fact]
    public void Check_TooLong_ProblemSaysTrim()
    {
        var (problems, _) = Validator.Check(Media(11 * 60));

        Assert.Contains("Trim", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_VariableFrameRate_WarnsItIsNormalised()
    {
        var (_, warnings) = Validator.Check(Media(90, vfr: true));

        Assert.Contains(warnings, w => w.Contains("variable frame rate", StringComparison.Ordinal));
    }
}
