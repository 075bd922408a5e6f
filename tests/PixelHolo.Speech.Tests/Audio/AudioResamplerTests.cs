using PixelHolo.Core.Audio;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.Tests.Audio;

public sealed class AudioResamplerTests
{
    [Theory]
    [InlineData(44_100, 16_000)]
    [InlineData(48_000, 16_000)]
    [InlineData(8_000, 16_000)]
    [InlineData(16_000, 22_050)]
    public void Resample_440HzSine_KeepsFrequencyAndLength(int fromHz, int toHz)
    {
        AudioChunk sine = TestAudio.Sine(440, 1.0, fromHz);

        AudioChunk resampled = AudioResampler.Resample(sine, toHz);

        Assert.Equal(toHz, resampled.SampleRateHz);
        Assert.InRange(resampled.Samples.Length, toHz - 1, toHz + 1);
        Assert.Equal(440, TestAudio.ZeroCrossingFrequency(resampled), 0);
        // Level kept (0.5 amplitude → RMS 0.354), away from the edges.
        Assert.Equal(0.5 / Math.Sqrt(2), TestAudio.Rms(resampled.Samples.Span[(toHz / 10)..(toHz * 9 / 10)]), 2);
    }

    [Fact]
    public void Resample_10kHzToneFrom48kTo16k_IsFilteredOutNotAliased()
    {
        // 10 kHz is above the 8 kHz Nyquist of 16 kHz audio: linear interpolation would fold it to 6 kHz.
        AudioChunk tone = TestAudio.Sine(10_000, 1.0, 48_000);

        AudioChunk resampled = AudioResampler.Resample(tone, 16_000);

        Assert.True(TestAudio.Rms(resampled.Samples.Span[1600..14400]) < 0.01, "the tone should be removed, not aliased");
    }

    [Fact]
    public void ToMono_Stereo_AveragesTheChannels()
    {
        var stereo = new AudioChunk(new float[] { 1f, 0f, 0.5f, -0.5f, -1f, -0.5f }, 16_000, 2, TimeSpan.Zero);

        AudioChunk mono = AudioResampler.ToMono(stereo);

        Assert.Equal(1, mono.Channels);
        Assert.Equal(new[] { 0.5f, 0f, -0.75f }, mono.Samples.ToArray());
    }
}
