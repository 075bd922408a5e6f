using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>Fundamental frequency (F0) of speech by YIN (de Cheveigné and Kawahara, 2002): the cumulative-mean-normalised
/// difference function on 25 ms windows every 10 ms, the first dip under 0.15 refined by a parabola. A frame counts as
/// voiced when it has such a dip and is within 35 dB of the loudest frame. Audio is resampled to 8 kHz mono
/// first (that keeps the harmonics YIN needs and quarters the work); the search range is 60-500 Hz, which covers adult and child voices.</summary>
internal static class PitchEstimator
{
    public const double MinHz = 60;
    public const double MaxHz = 500;
    private const int RateHz = 8_000;
    private const int Window = 200;
    private const int Hop = 80;
    private const double Threshold = 0.15;
    private const double ActiveRangeDb = 35;

    /// <summary>F0 of every voiced frame, in Hz, in time order.</summary>
    public static double[] VoicedFrequencies(AudioChunk audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        float[] x = AudioResampler.Resample(AudioResampler.ToMono(audio), RateHz).Samples.ToArray();
        int maxLag = (int)Math.Ceiling(RateHz / MinHz), minLag = (int)Math.Floor(RateHz / MaxHz);
        int frames = (x.Length - Window - maxLag) / Hop;
        if (frames <= 0) { return []; }
        double[] energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++)
        {
            double sum = 0;
            for (int j = 0; j < Window; j++) { double v = x[(f * Hop) + j]; sum += v * v; }
            energy[f] = sum / Window;
            loudest = Math.Max(loudest, energy[f]);
        }
        double floor = loudest * Math.Pow(10, -ActiveRangeDb / 10);
        var result = new List<double>();
        double[] d = new double[maxLag + 2];
        for (int f = 0; f < frames; f++)
        {
            if (energy[f] < floor || energy[f] <= 0) { continue; }
            ReadOnlySpan<float> frame = x.AsSpan(f * Hop, Window + maxLag + 1);
            if (Frequency(frame, d, minLag, maxLag) is double hz) { result.Add(hz); }
        }
        return [.. result];
    }

    /// <summary>YIN on one frame (<see cref="Window"/> + max lag + 1 samples); null when no dip is deep enough.</summary>
    internal static double? Frequency(ReadOnlySpan<float> frame, double[] d, int minLag, int maxLag)
    {
        d[0] = 1;
        double running = 0;
        for (int tau = 1; tau <= maxLag + 1; tau++)
        {
            double sum = 0;
            for (int j = 0; j < Window; j++)
            {
                double diff = frame[j] - frame[j + tau];
                sum += diff * diff;
            }
            running += sum;
            d[tau] = running > 0 ? sum * tau / running : 1;
        }
        for (int tau = minLag; tau <= maxLag; tau++)
        {
            if (d[tau] >= Threshold) { continue; }
            while (tau + 1 <= maxLag && d[tau + 1] < d[tau]) { tau++; }
            double a = d[tau - 1], b = d[tau], c = d[tau + 1];
            double denominator = a - (2 * b) + c;
            double shift = Math.Abs(denominator) > 1e-12 ? 0.5 * (a - c) / denominator : 0;
            return RateHz / (tau + Math.Clamp(shift, -1, 1));
        }
        return null;
    }

    /// <summary>Median and spread of F0 over the voiced frames, or null when fewer than 10 frames (0.1 s) are voiced.</summary>
    public static PitchStatistics? Statistics(AudioChunk audio)
    {
        double[] voiced = VoicedFrequencies(audio);
        if (voiced.Length < 10) { return null; }
        Array.Sort(voiced);
        return new PitchStatistics(Percentile(voiced, 0.5), Percentile(voiced, 0.1), Percentile(voiced, 0.9), voiced.Length * (Hop / (double)RateHz));
    }

    private static double Percentile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}

/// <summary>F0 summary of a stretch of speech.</summary>
/// <param name="MedianHz">Median F0 of the voiced frames.</param>
/// <param name="LowHz">10th percentile.</param>
/// <param name="HighHz">90th percentile.</param>
/// <param name="VoicedSeconds">Total length of the voiced frames.</param>
internal sealed record PitchStatistics(double MedianHz, double LowHz, double HighHz, double VoicedSeconds)
{
    /// <summary>The 10-90 % spread in semitones.</summary>
    public double RangeSemitones => 12 * Math.Log2(HighHz / LowHz);
}
