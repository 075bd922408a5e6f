using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Ffmpeg;

public sealed class MediaProbeTests
{
    [Fact]
    public async Task ProbeAsync_TalkingHeadClip_ReportsVideoAudioAndDuration()
    {
        MediaInfo info = await FfmpegTools.Probe.ProbeAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"));

        Assert.NotNull(info.Video);
        Assert.Equal("h264", info.Video.Codec);
        Assert.Equal(1280, info.Video.Width);
        Assert.Equal(720, info.Video.Height);
        Assert.InRange(info.Video.FramesPerSecond, 29.9, 30.1);
        Assert.NotNull(info.Audio);
        Assert.Equal("aac", info.Audio.Codec);
        Assert.InRange(info.Duration.TotalSeconds, 9.3, 9.5);
    }

    [Fact]
    public async Task ProbeAsync_NoAudioFixture_HasVideoOnly()
    {
        MediaInfo info = await FfmpegTools.Probe.ProbeAsync(SharedMedia.Path("fixtures/no_audio.mp4"));

        Assert.NotNull(info.Video);
        Assert.Null(info.Audio);
    }

    [Fact]
    public async Task ProbeAsync_Mp3RenamedMp4_HasAudioOnly()
    {
        MediaInfo info = await FfmpegTools.Probe.ProbeAsync(SharedMedia.Path("fixtures/audio_only_mp3_renamed.mp4"));

        Assert.Null(info.Video);
        Assert.Equal("mp3", info.Audio?.Codec);
    }

    [Fact]
    public async Task ProbeAsync_TruncatedFile_ThrowsWithExitCodeAndStderr()
    {
        var error = await Assert.ThrowsAsync<MediaToolException>(
            () => FfmpegTools.Probe.ProbeAsync(SharedMedia.Path("fixtures/corrupt_truncated.mp4")));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("moov atom not found", error.StandardErrorTail, StringComparison.Ordinal);
    }
}
