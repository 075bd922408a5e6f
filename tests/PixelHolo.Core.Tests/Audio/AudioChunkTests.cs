using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;

namespace PixelHolo.Core.Tests.Audio;

public sealed class AudioChunkTests
{
    [Fact]
    public void Duration_StereoSamples_CountsFramesNotSamples()
    {
        var chunk = new AudioChunk(new float[44_100 * 2], 44_100, 2, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(1), chunk.Duration);
    }

    [Fact]
    public void ThrowIfNot_WrongRate_MessageSaysHowToResample()
    {
        var chunk = new AudioChunk(new float[100], 22_050, 1, TimeSpan.Zero);

        var error = Assert.Throws<AudioFormatException>(() => AudioFormatException.ThrowIfNot(chunk, 16_000, 1));

        Assert.Contains("22050 Hz", error.Message, StringComparison.Ordinal);
        Assert.Contains("-ar 16000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfNot_RightFormat_DoesNotThrow()
    {
        var chunk = new AudioChunk(new float[100], 16_000, 1, TimeSpan.Zero);

        Exception? error = Record.Exception(() => AudioFormatException.ThrowIfNot(chunk, 16_000, 1));

        Assert.Null(error);
    }
}
