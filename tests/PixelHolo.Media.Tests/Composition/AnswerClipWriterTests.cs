using Microsoft.Extensions.Options;
using PixelHolo.Media.Composition;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Composition;

public sealed class AnswerClipWriterTests
{
    [Fact]
    public async Task WriteAsync_LoopModeOnProfileWithoutLipSync_Mp4AsLongAsTheAudioWithSound()
    {
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 4, [(0.0, 3.0)]);
        var rendering = Options.Create(new LoopRendererOptions());
        var loop = new StreamingLoopRenderer(rendering);
        var writer = new AnswerClipWriter(FfmpegTools.Runner, new LipSyncRenderer(Options.Create(new LipSyncOptions()), rendering), loop);
        string output = Path.Combine(profile.Folder, "answer.mp4");

        var (renderer, warning) = writer.Choose(profile.Profile, "lipsync");
        int frames = await writer.WriteAsync(renderer, profile.Profile, SharedMedia.Path("audio/jfk.wav"), output);

        Assert.Equal("loop", renderer.Name); // no lipsync/ in this profile
        Assert.Contains("no lip-sync model", warning, StringComparison.Ordinal);
        Assert.Equal(275, frames); // 11.0 s at 25 fps
        var info = await FfmpegTools.Probe.ProbeAsync(output);
        Assert.NotNull(info.Video);
        Assert.NotNull(info.Audio);
        Assert.InRange(info.Duration.TotalSeconds, 10.8, 11.2);
        Assert.Empty(Directory.GetFiles(profile.Folder, "*.tmp.mp4"));
    }
}
