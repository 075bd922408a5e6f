using PixelHolo.Core.Audio;
using PixelHolo.Speech.TextToSpeech.Matched;

namespace PixelHolo.Speech.Tests.TextToSpeech.Matched;

public sealed class PitchEstimatorTests
{
    [Theory]
    [InlineData(110.0, 16_000)]
    [InlineData(220.0, 22_050)]
    [InlineData(347.5, 24_000)]
    public void Statistics_PureTone_MedianWithinHalfAPercent(double hz, int rate)
    {
        AudioChunk tone = Tone(hz, rate, seconds: 1.0, harmonics: 1);

        PitchStatistics stats = PitchEstimator.Statistics(tone)!;

        Assert.InRange(stats.MedianHz, hz * 0.995, hz * 1.005);
        Assert.InRange(stats.RangeSemitones, 0, 0.1);
        Assert.InRange(stats.VoicedSeconds, 0.8, 1.0);
    }

    [Fact]
    public void Statistics_ToneWithStrongHarmonics_FindsTheFundamentalNotAnOvertone()
    {
        AudioChunk tone = Tone(130, 16_000, seconds: 1.0, harmonics: 8); // a glottal-like buzz: energy spread over 8 harmonics

        Assert.InRange(PitchEstimator.Statistics(tone)!.MedianHz, 129, 131);
    }

    [Fact]
    public void Statistics_GlideFromLowToHigh_ReportsTheSpread()
    {
        // 100 Hz to 200 Hz: one octave, so the 10-90 % spread is about 0.8 × 12 semitones.
        const int rate = 16_000;
        float[] samples = new float[rate * 2];
        double phase = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double hz = 100 * Math.Pow(2, i / (double)samples.Length);
            phase += 2 * Math.PI * hz / rate;
            samples[i] = (float)(0.5 * Math.Sin(phase));
        }

        PitchStatistics stats = PitchEstimator.Statistics(new AudioChunk(samples, rate, 1, TimeSpan.Zero))!;

        Assert.InRange(stats.MedianHz, 137, 146);
        Assert.InRange(stats.RangeSemitones, 8.5, 10.5);
    }

    [Fact]
    public void Statistics_SilenceOrNoise_IsNull()
    {
        var random = new Random(7);
        float[] noise = [.. Enumerable.Range(0, 16_000).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f)];

        Assert.Null(PitchEstimator.Statistics(new AudioChunk(new float[16_000], 16_000, 1, TimeSpan.Zero)));
        Assert.Null(PitchEstimator.Statistics(new AudioChunk(noise, 16_000, 1, TimeSpan.Zero)));
    }

    internal static AudioChunk Tone(double hz, int rate, double seconds, int harmonics)
    {
        float[] samples = new float[(int)(rate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            double sum = 0;
            for (int h = 1; h <= harmonics; h++) { sum += Math.Sin(2 * Math.PI * hz * h * i / rate) / h; }
            samples[i] = (float)(0.4 * sum);
        }
        return new AudioChunk(samples, rate, 1, TimeSpan.Zero);
    }
}
