namespace PixelHolo.Media.LipSync;

/// <summary>MFCC-13 of 16 kHz mono audio: 25 ms Hamming windows every 10 ms, 512-point FFT, 26 mel bands up to 8 kHz, log
/// energies, DCT-II. Streaming: samples in, one 13-vector per completed hop out. Coefficient 0 is the log band energy.</summary>
internal sealed class Mfcc
{
    public const int SampleRateHz = 16_000;
    public const int Window = 400;
    public const int Hop = 160;
    public const int Coefficients = 13;
    public const double HopSeconds = Hop / (double)SampleRateHz;
    private const int FftSize = 512;
    private const int Bands = 26;

    private static readonly float[] Hamming = MakeHamming();
    private static readonly float[][] MelFilters = MakeMelFilters();
    private static readonly float[,] Dct = MakeDct();

    private readonly List<float> _pending = [];
    private readonly double[] _re = new double[FftSize];
    private readonly double[] _im = new double[FftSize];
    private readonly double[] _bands = new double[Bands];

    /// <summary>Adds samples; returns the MFCC vectors of every window completed by them.</summary>
    public List<float[]> Add(ReadOnlySpan<float> samples)
    {
        foreach (float s in samples) { _pending.Add(s); }
        var result = new List<float[]>();
        int offset = 0;
        while (_pending.Count - offset >= Window)
        {
            result.Add(Compute(offset));
            offset += Hop;
        }
        _pending.RemoveRange(0, offset);
        return result;
    }

    private float[] Compute(int offset)
    {
        for (int i = 0; i < FftSize; i++)
        {
            _re[i] = i < Window ? _pending[offset + i] * Hamming[i] : 0;
            _im[i] = 0;
        }
        Fft.Transform(_re, _im);
        for (int b = 0; b < Bands; b++)
        {
            double sum = 0;
            float[] filter = MelFilters[b];
            for (int k = 0; k < filter.Length; k++)
            {
                if (filter[k] == 0) { continue; }
                sum += filter[k] * ((_re[k] * _re[k]) + (_im[k] * _im[k]));
            }
            _bands[b] = Math.Log(sum + 1e-8);
        }
        float[] c = new float[Coefficients];
        for (int n = 0; n < Coefficients; n++)
        {
            double sum = 0;
            for (int b = 0; b < Bands; b++) { sum += Dct[n, b] * _bands[b]; }
            c[n] = (float)sum;
        }
        return c;
    }

    private static float[] MakeHamming()
    {
        float[] w = new float[Window];
        for (int i = 0; i < Window; i++) { w[i] = (float)(0.54 - (0.46 * Math.Cos(2 * Math.PI * i / (Window - 1)))); }
        return w;
    }

    private static double Mel(double hz) => 2595 * Math.Log10(1 + (hz / 700));

    private static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    private static float[][] MakeMelFilters()
    {
        int bins = (FftSize / 2) + 1;
        double low = Mel(0);
        double high = Mel(SampleRateHz / 2.0);
        double[] centres = new double[Bands + 2];
        for (int i = 0; i < centres.Length; i++) { centres[i] = Hz(low + ((high - low) * i / (Bands + 1))) * FftSize / SampleRateHz; }
        var filters = new float[Bands][];
        for (int b = 0; b < Bands; b++)
        {
            filters[b] = new float[bins];
            for (int k = 0; k < bins; k++)
            {
                double rise = (k - centres[b]) / (centres[b + 1] - centres[b]);
                double fall = (centres[b + 2] - k) / (centres[b + 2] - centres[b + 1]);
                filters[b][k] = (float)Math.Max(0, Math.Min(rise, fall));
            }
        }
        return filters;
    }

    private static float[,] MakeDct()
    {
        var d = new float[Coefficients, Bands];
        for (int n = 0; n < Coefficients; n++)
        {
            for (int b = 0; b < Bands; b++) { d[n, b] = (float)(Math.Sqrt(2.0 / Bands) * Math.Cos(Math.PI * n * (b + 0.5) / Bands)); }
        }
        return d;
    }
}
