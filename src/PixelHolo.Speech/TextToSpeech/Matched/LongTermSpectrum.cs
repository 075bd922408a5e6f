using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>Long-term average spectrum of speech in third-octave bands (125 Hz - 6.3 kHz, 18 bands): the power of
/// 64 ms Hann frames at 16 kHz averaged over the active frames (within 30 dB of the loudest), in dB, with the mean over
/// the bands removed so loudness does not count. <see cref="Distance"/> is the RMS difference in dB between two such
/// spectra: the "timbre distance" the matched voice is measured by.</summary>
internal static class LongTermSpectrum
{
    /// <summary>Third-octave band centres (ISO 266) in Hz.</summary>
    public static readonly double[] BandCentersHz =
        [125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300];

    private const int RateHz = 16_000;
    private const int FrameLength = 1024;
    private const int Hop = 512;
    private const double ActiveRangeDb = 30;

    /// <summary>Level-normalised band levels in dB (one per <see cref="BandCentersHz"/>).</summary>
    public static double[] Measure(AudioChunk audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        float[] x = AudioResampler.ToMono16k(audio).Samples.ToArray();
        int frames = (x.Length - FrameLength) / Hop + 1;
        if (frames <= 0) { throw new ArgumentException($"{audio.Duration.TotalSeconds:F2} s of audio is too short for a long-term spectrum.", nameof(audio)); }
        double[] window = Fft.Hann(FrameLength);
        double[][] spectra = new double[frames][];
        double[] energy = new double[frames];
        double[] re = new double[FrameLength], im = new double[FrameLength];
        for (int f = 0; f < frames; f++)
        {
            for (int i = 0; i < FrameLength; i++) { re[i] = x[(f * Hop) + i] * window[i]; im[i] = 0; }
            Fft.Transform(re, im);
            double[] power = new double[(FrameLength / 2) + 1];
            for (int k = 0; k < power.Length; k++) { power[k] = (re[k] * re[k]) + (im[k] * im[k]); energy[f] += power[k]; }
            spectra[f] = power;
        }
        double floor = energy.Max() * Math.Pow(10, -ActiveRangeDb / 10);
        double[] average = new double[(FrameLength / 2) + 1];
        foreach (double[] power in spectra.Where((_, f) => energy[f] >= floor && energy[f] > 0))
        {
            for (int k = 0; k < average.Length; k++) { average[k] += power[k]; }
        }
        double[] bands = new double[BandCentersHz.Length];
        for (int b = 0; b < bands.Length; b++)
        {
            double low = BandCentersHz[b] * Math.Pow(2, -1.0 / 6), high = BandCentersHz[b] * Math.Pow(2, 1.0 / 6);
            double sum = 1e-20;
            for (int k = 0; k < average.Length; k++)
            {
                double hz = k * (double)RateHz / FrameLength;
                if (hz >= low && hz < high) { sum += average[k]; }
            }
            bands[b] = 10 * Math.Log10(sum / (high - low)); // power density, so wide bands do not weigh more
        }
        double mean = bands.Average();
        return [.. bands.Select(v => v - mean)];
    }

    /// <summary>RMS difference in dB between two level-normalised spectra.</summary>
    public static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) { throw new ArgumentException($"Spectra of {a.Count} and {b.Count} bands cannot be compared.", nameof(b)); }
        double sum = 0;
        for (int i = 0; i < a.Count; i++) { sum += (a[i] - b[i]) * (a[i] - b[i]); }
        return Math.Sqrt(sum / a.Count);
    }
}
