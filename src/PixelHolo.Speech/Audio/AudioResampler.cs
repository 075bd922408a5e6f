namespace PixelHolo.Speech.Audio;

/// <summary>Channel down-mixing and sample-rate conversion.</summary>
/// <remarks>Resampling is band-limited interpolation with a Blackman-windowed sinc (16 zero crossings each side),
/// its cut-off at 95 % of the lower Nyquist frequency. Linear interpolation would be simpler, but going from 44.1 or
/// 48 kHz down to 16 kHz it folds everything above 8 kHz back into the speech band (aliasing), which hurts VAD and STT;
/// the sinc filter removes it. The kernel is precomputed per polyphase phase (rates are integers, so
/// the phases repeat), which keeps ~100 taps per output sample far faster than real time.</remarks>
public static class AudioResampler
{
    private const int ZeroCrossings = 16;

    /// <summary>Down-mixes to one channel and resamples to 16 kHz, the format of every speech stage.</summary>
    public static AudioChunk ToMono16k(AudioChunk audio) => Resample(ToMono(audio), 16_000);

    /// <summary>Averages interleaved channels into one.</summary>
    public static AudioChunk ToMono(AudioChunk audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Channels == 1) { return audio; }
        ReadOnlySpan<float> source = audio.Samples.Span;
        int channels = audio.Channels;
        float[] mono = new float[source.Length / channels];
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++) { sum += source[(i * channels) + c]; }
            mono[i] = sum / channels;
        }
        return audio with { Samples = mono, Channels = 1 };
    }

    /// <summary>Resamples mono audio to <paramref name="targetRateHz"/>.</summary>
    public static AudioChunk Resample(AudioChunk audio, int targetRateHz)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetRateHz, 1000);
        if (audio.Channels != 1) { throw new ArgumentException("Resample takes mono audio; call ToMono first.", nameof(audio)); }
        if (audio.SampleRateHz == targetRateHz) { return audio; }
        ReadOnlySpan<float> input = audio.Samples.Span;
        int divisor = Gcd(audio.SampleRateHz, targetRateHz);
        int up = targetRateHz / divisor, down = audio.SampleRateHz / divisor; // output n sits at input position n·down/up
        double ratio = up / (double)down;
        int outputLength = (int)(input.Length * (long)up / down);
        float[] output = new float[outputLength];
        // Cut-off relative to the input rate: below both Nyquist frequencies, with a little room for the window's transition band.
        double cutoff = 0.95 * Math.Min(1.0, ratio);
        double halfWidth = ZeroCrossings / cutoff; // in input samples
        int reach = (int)Math.Ceiling(halfWidth);
        int taps = 2 * reach;
        // Polyphase: the kernel depends only on the fractional position (n·down mod up), so each of the `up` phases is computed once.
        float[] kernels = new float[(long)up * taps];
        for (int phase = 0; phase < up; phase++)
        {
            double fraction = phase / (double)up;
            for (int j = 0; j < taps; j++)
            {
                double x = j - reach + 1 - fraction;
                kernels[(phase * taps) + j] = (float)(Sinc(cutoff * x) * Blackman(x / halfWidth));
            }
        }
        for (int n = 0; n < outputLength; n++)
        {
            long position = (long)n * down;
            int baseIndex = (int)(position / up);
            int phase = (int)(position % up);
            ReadOnlySpan<float> kernel = kernels.AsSpan(phase * taps, taps);
            int first = baseIndex - reach + 1;
            int from = Math.Max(0, -first), to = Math.Min(taps, input.Length - first);
            float sum = 0, weights = 0;
            for (int j = from; j < to; j++)
            {
                float w = kernel[j];
                sum += input[first + j] * w;
                weights += w;
            }
            // Normalising by the summed weights keeps DC gain exactly 1, also near the edges where the kernel is cut.
            output[n] = weights > 1e-6f ? sum / weights : 0f;
        }
        return audio with { Samples = output, SampleRateHz = targetRateHz };
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) { (a, b) = (b, a % b); }
        return a;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Blackman window over t in [-1, 1].</summary>
    private static double Blackman(double t)
    {
        if (t is < -1 or > 1) { return 0; }
        double phase = Math.PI * (t + 1); // 0..2π
        return 0.42 - (0.5 * Math.Cos(phase)) + (0.08 * Math.Cos(2 * phase));
    }
}
