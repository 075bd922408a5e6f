using System.Numerics;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>Moves espeak-ng's timbre and loudness toward the person's, block by block as the audio streams: a
/// linear-phase FIR equaliser built from per-band gains (dB at the third-octave centres, interpolated on a log-frequency
/// axis), then a fixed gain, then a soft limiter so a loud vowel never clips. One instance per utterance: it keeps the
/// filter's history between blocks, and <see cref="Flush"/> returns the filter's tail.</summary>
internal sealed class VoiceShaper
{
    /// <summary>Taps of the equaliser: 511 at 22.05 kHz is 43 Hz resolution and 11.6 ms of delay.</summary>
    public const int Taps = 511;

    private readonly float[] _kernel;
    private readonly float _gain;
    private float[] _history;

    public VoiceShaper(float[] kernel, double gainDb)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _kernel = [.. kernel.Reverse()]; // stored reversed so each output is one forward dot product
        _gain = (float)Math.Pow(10, gainDb / 20);
        _history = new float[kernel.Length - 1];
    }

    /// <summary>Samples delayed by half the filter length (the tail comes with <see cref="Flush"/>).</summary>
    public int DelaySamples => _kernel.Length / 2;

    /// <summary>The linear-phase kernel for <paramref name="bandGainsDb"/> (one per <see cref="LongTermSpectrum.BandCentersHz"/>)
    /// at <paramref name="sampleRateHz"/>: frequency sampling, Hann-windowed. Below the first and above the last band the
    /// gain stays at that band's.</summary>
    public static float[] DesignKernel(IReadOnlyList<double> bandGainsDb, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(bandGainsDb);
        double[] centers = LongTermSpectrum.BandCentersHz;
        if (bandGainsDb.Count != centers.Length) { throw new ArgumentException($"Expected {centers.Length} band gains, got {bandGainsDb.Count}.", nameof(bandGainsDb)); }
        const int n = 1024;
        double[] re = new double[n], im = new double[n];
        for (int k = 0; k <= n / 2; k++)
        {
            double hz = k * (double)sampleRateHz / n;
            double gain = Math.Pow(10, Interpolate(hz, centers, bandGainsDb) / 20);
            re[k] = gain;
            if (k > 0 && k < n / 2) { re[n - k] = gain; }
        }
        Fft.Transform(re, im, inverse: true);
        float[] kernel = new float[Taps];
        int half = Taps / 2;
        for (int i = 0; i < Taps; i++)
        {
            int lag = i - half;
            double value = re[(lag + n) % n] / n;
            double window = 0.5 + (0.5 * Math.Cos(Math.PI * lag / (half + 1)));
            kernel[i] = (float)(value * window);
        }
        return kernel;
    }

    /// <summary>Filters the next block; the output has the same length (shifted by <see cref="DelaySamples"/>).</summary>
    public float[] Process(ReadOnlySpan<float> block)
    {
        float[] input = new float[_history.Length + block.Length];
        _history.CopyTo(input, 0);
        block.CopyTo(input.AsSpan(_history.Length));
        float[] output = new float[block.Length];
        ReadOnlySpan<float> kernel = _kernel;
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = Limit(Dot(input.AsSpan(i, kernel.Length), kernel) * _gain);
        }
        _history = input[^_history.Length..];
        return output;
    }

    /// <summary>The filter's tail: the last <see cref="DelaySamples"/> samples, fed out with silence.</summary>
    public float[] Flush()
    {
        float[] tail = Process(new float[DelaySamples]);
        return tail;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        var sum = Vector<float>.Zero;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }
        float total = Vector.Sum(sum);
        for (; i < a.Length; i++) { total += a[i] * b[i]; }
        return total;
    }

    /// <summary>Linear up to 0.8, then a smooth knee toward ±1 (tanh), so gain never clips.</summary>
    private static float Limit(float x)
    {
        const float knee = 0.8f;
        float magnitude = Math.Abs(x);
        if (magnitude <= knee) { return x; }
        float over = (magnitude - knee) / (1 - knee);
        return MathF.CopySign(knee + ((1 - knee) * MathF.Tanh(over)), x);
    }

    private static double Interpolate(double hz, double[] centers, IReadOnlyList<double> gains)
    {
        if (hz <= centers[0]) { return gains[0]; }
        if (hz >= centers[^1]) { return gains[^1]; }
        int upper = 1;
        while (centers[upper] < hz) { upper++; }
        double t = Math.Log(hz / centers[upper - 1]) / Math.Log(centers[upper] / centers[upper - 1]);
        return gains[upper - 1] + (t * (gains[upper] - gains[upper - 1]));
    }
}
