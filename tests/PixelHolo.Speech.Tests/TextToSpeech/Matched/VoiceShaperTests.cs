using PixelHolo.Core.Audio;
using PixelHolo.Speech.TextToSpeech.Matched;

namespace PixelHolo.Speech.Tests.TextToSpeech.Matched;

public sealed class VoiceShaperTests
{
    [Fact]
    public void Process_FlatGains_PassesTheSignalThroughDelayedByHalfTheFilter()
    {
        float[] kernel = VoiceShaper.DesignKernel(new double[LongTermSpectrum.BandCentersHz.Length], 22_050);
        var shaper = new VoiceShaper(kernel, gainDb: 0);
        float[] input = PitchEstimatorTests.Tone(440, 22_050, 0.5, harmonics: 1).Samples.ToArray();

        float[] output = [.. shaper.Process(input.AsSpan(0, 1000)), .. shaper.Process(input.AsSpan(1000)), .. shaper.Flush()];

        Assert.Equal(input.Length + shaper.DelaySamples, output.Length);
        for (int i = 2000; i < input.Length; i += 97) { Assert.Equal(input[i], output[i + shaper.DelaySamples], 2); }
    }

    [Fact]
    public void Process_BandGains_BoostsAndCutsTheRightFrequencies()
    {
        // +12 dB from 2.5 kHz up, -12 dB at and below 250 Hz, flat between (the design interpolates on a log axis).
        double[] gains = [.. LongTermSpectrum.BandCentersHz.Select(hz => hz >= 2500 ? 12.0 : hz <= 250 ? -12.0 : 0.0)];
        float[] kernel = VoiceShaper.DesignKernel(gains, 22_050);

        double low = Gain(kernel, 150), mid = Gain(kernel, 1000), high = Gain(kernel, 4000);

        Assert.InRange(low, -13.5, -8.5); // 511 taps resolve about 43 Hz: the lowest band is a little smeared
        Assert.InRange(mid, -1.5, 1.5);
        Assert.InRange(high, 10.5, 13.5);
    }

    [Fact]
    public void Process_LoudInputWithGain_NeverClips()
    {
        float[] kernel = VoiceShaper.DesignKernel(new double[LongTermSpectrum.BandCentersHz.Length], 22_050);
        var shaper = new VoiceShaper(kernel, gainDb: 12);
        float[] loud = PitchEstimatorTests.Tone(200, 22_050, 0.5, harmonics: 1).Samples.ToArray(); // 0.4 peak, ×4 → 1.6

        float[] output = shaper.Process(loud);

        Assert.All(output, s => Assert.InRange(s, -1f, 1f));
        Assert.True(output.Max() > 0.9f, "the limiter should let loud peaks approach full scale");
    }

    private static double Gain(float[] kernel, double hz)
    {
        var shaper = new VoiceShaper(kernel, 0);
        AudioChunk loud = PitchEstimatorTests.Tone(hz, 22_050, 1.0, harmonics: 1);
        AudioChunk tone = loud with { Samples = loud.Samples.ToArray().Select(s => s * 0.1f).ToArray() }; // quiet enough that +12 dB stays below the limiter's knee
        float[] output = shaper.Process(tone.Samples.Span);
        double Rms(ReadOnlySpan<float> x) { double s = 0; foreach (float v in x) { s += v * v; } return Math.Sqrt(s / x.Length); }
        return 20 * Math.Log10(Rms(output.AsSpan(2000)) / Rms(tone.Samples.Span[2000..]));
    }
}
