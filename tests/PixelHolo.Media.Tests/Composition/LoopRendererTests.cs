using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Media.Composition;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Composition;

public sealed class LoopRendererTests
{
    [Fact]
    public async Task RenderAsync_SpeechLongerThanFootage_ClipAsLongAsSpeechAndNextContinues()
    {
        using var runtime = new TempDirectory();
        string profileFolder = Directory.CreateDirectory(Path.Combine(runtime.Path, "profiles", "p1")).FullName;
        // 4 s of real footage; the answers are 3 s and 2.5 s, so the second wraps around the loop point.
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("fixtures/cut_5s.mp4"), "-t", "4", "-an", "-c:v", "libx264", "-preset", "ultrafast", Path.Combine(profileFolder, "footage.mp4"));
        var renderer = new LoopRenderer(FfmpegTools.Runner, FfmpegTools.Probe, Options.Create(new LoopRendererOptions()), Options.Create(new RuntimeOptions { Directory = runtime.Path }));
        var profile = new AvatarProfile("p1", "Ada", "", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, profileFolder);

        RenderedClip first = await renderer.RenderAsync(profile, Tone(3.0));
        RenderedClip second = await renderer.RenderAsync(profile, Tone(2.5));

        Assert.Equal(TimeSpan.Zero, first.FootageStart);
        Assert.Equal(first.FootageEnd, second.FootageStart); // continues where the last answer stopped
        Assert.Equal(3.0, first.FootageEnd.TotalSeconds, 2);
        Assert.Equal(1.5, second.FootageEnd.TotalSeconds, 2); // (3 + 2.5) mod 4
        var info = await FfmpegTools.Probe.ProbeAsync(second.Mp4Path);
        Assert.NotNull(info.Video);
        Assert.NotNull(info.Audio);
        Assert.InRange(info.Duration.TotalSeconds, 2.4, 2.7);
    }

    [Fact]
    public async Task RenderAsync_ProfileWithoutFootage_SaysUploadAgain()
    {
        using var runtime = new TempDirectory();
        var renderer = new LoopRenderer(FfmpegTools.Runner, FfmpegTools.Probe, Options.Create(new LoopRendererOptions()), Options.Create(new RuntimeOptions { Directory = runtime.Path }));
        var profile = new AvatarProfile("p2", "Bo", "", DateTimeOffset.UnixEpoch, ProfileStatus.Ready, runtime.Path);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => renderer.RenderAsync(profile, Tone(1)));

        Assert.Contains("upload the clip again", error.Message, StringComparison.Ordinal);
    }

    private static SynthesizedSpeech Tone(double seconds)
    {
        float[] samples = new float[(int)(22_050 * seconds)];
        for (int i = 0; i < samples.Length; i++) { samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / 22_050f); }
        return new SynthesizedSpeech(new AudioChunk(samples, 22_050, 1, TimeSpan.Zero), "tone", null);
    }
}
