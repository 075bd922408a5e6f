namespace PixelHolo.Speech.EndOfTurn;

/// <summary>Whisper's log-mel front end as Smart Turn v3.2 was trained on it: the numpy path of transformers'
/// <c>WhisperFeatureExtractor(chunk_length=8)</c> with <c>do_normalize=True</c>. The last 8 s at 16 kHz (zeros in front
/// of a shorter turn) → zero-mean unit-variance → periodic Hann 400, hop 160, centred with reflect padding → power
/// spectrum → 80 Slaney mel filters over 0–8 kHz → log10 (floor 1e-10), last frame dropped, floored at max − 8,
/// (x + 4) / 4. Output row-major [80, 800]. Checked against numbers from an independent numpy implementation
/// (scripts/reference/whisper_logmel.py). Stateless and thread-safe; the tables are built once.</summary>
internal sealed class WhisperLogMel
{
    public const int SampleRateHz = 16_000;
    public const int Samples = 8 * SampleRateHz;
    public const int MelBins = 80;
    public const int Frames = 800;
    private const int WindowLength = 400;
    private const int Hop = 160;
    private const int FrequencyBins = WindowLength / 2 + 1;

    private readonly double[] _window = new double[WindowLength];
    private readonly double[] _cos = new double[FrequencyBins * WindowLength];
    private readonly double[] _sin = new double[FrequencyBins * WindowLength];
    private readonly double[] _filters = new double[MelBins * FrequencyBins]; // [mel, bin]

    public WhisperLogMel()
    {
        for (int i = 0; i < WindowLength; i++) { _window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / WindowLength); } // periodic
        for (int k = 0; k < FrequencyBins; k++)
        {
            for (int i = 0; i < WindowLength; i++)
            {
                double angle = 2 * Math.PI * ((long)k * i % WindowLength) / WindowLength;
                _cos[k * WindowLength + i] = Math.Cos(angle);
                _sin[k * WindowLength + i] = Math.Sin(angle);
            }
        }
        BuildFilters();
    }

    /// <summary>Features of the last 8 s of <paramref name="audio"/> (16 kHz mono), as [80 × 800] row-major.</summary>
    public float[] Compute(ReadOnlySpan<float> audio)
    {
        // 1. The last 8 s, zeros in front; zero mean, unit (population) variance.
        double[] x = new double[Samples];
        ReadOnlySpan<float> tail = audio.Length > Samples ? audio[^Samples..] : audio;
        for (int i = 0; i < tail.Length; i++) { x[Samples - tail.Length + i] = tail[i]; }
        double mean = 0;
        foreach (double v in x) { mean += v; }
        mean /= Samples;
        double variance = 0;
        foreach (double v in x) { variance += (v - mean) * (v - mean); }
        variance /= Samples;
        double scale = 1 / Math.Sqrt(variance + 1e-7);
        for (int i = 0; i < Samples; i++) { x[i] = (float)((x[i] - mean) * scale); } // numpy works in float32 here

        // 2.-4. Centred frames with reflect padding (no edge repeat), power spectrum, mel, log10.
        double[] logMel = new double[MelBins * Frames];
        double[] frame = new double[WindowLength];
        double[] power = new double[FrequencyBins];
        double max = double.NegativeInfinity;
        for (int t = 0; t < Frames; t++)
        {
            int start = t * Hop - WindowLength / 2;
            for (int i = 0; i < WindowLength; i++) { frame[i] = x[Reflect(start + i)] * _window[i]; }
            for (int k = 0; k < FrequencyBins; k++)
            {
                (double re, double im) = Dft(frame, k * WindowLength);
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < MelBins; m++)
            {
                double sum = 0;
                int row = m * FrequencyBins;
                for (int k = 0; k < FrequencyBins; k++) { sum += _filters[row + k] * power[k]; }
                double value = Math.Log10(Math.Max(1e-10, sum));
                logMel[m * Frames + t] = value;
                if (value > max) { max = value; }
            }
        }
        float[] features = new float[MelBins * Frames];
        for (int i = 0; i < features.Length; i++) { features[i] = (float)((Math.Max(logMel[i], max - 8.0) + 4.0) / 4.0); }
        return features;
    }

    /// <summary>One DFT bin as a SIMD dot product of the frame with that bin's cosine and sine rows (a direct 400-point
    /// DFT: 400 is not a power of two, and 201 vector dot products per frame are fast enough).</summary>
    private (double Re, double Im) Dft(double[] frame, int row)
    {
        var re = System.Numerics.Vector<double>.Zero;
        var im = System.Numerics.Vector<double>.Zero;
        int width = System.Numerics.Vector<double>.Count, i = 0;
        ReadOnlySpan<double> x = frame, c = _cos.AsSpan(row, WindowLength), s = _sin.AsSpan(row, WindowLength);
        for (; i <= WindowLength - width; i += width)
        {
            var v = new System.Numerics.Vector<double>(x[i..]);
            re += v * new System.Numerics.Vector<double>(c[i..]);
            im += v * new System.Numerics.Vector<double>(s[i..]);
        }
        double sumRe = System.Numerics.Vector.Sum(re), sumIm = System.Numerics.Vector.Sum(im);
        for (; i < WindowLength; i++)
        {
            sumRe += x[i] * c[i];
            sumIm += x[i] * s[i];
        }
        return (sumRe, -sumIm);
    }

    private static int Reflect(int i) => i < 0 ? -i : i >= Samples ? 2 * (Samples - 1) - i : i;

    private void BuildFilters()
    {
        // Slaney mel scale and area normalisation (transformers' mel_filter_bank(norm="slaney", mel_scale="slaney")).
        double[] melPoints = new double[MelBins + 2];
        double lowMel = HzToMel(0), highMel = HzToMel(SampleRateHz / 2.0);
        for (int i = 0; i < melPoints.Length; i++) { melPoints[i] = MelToHz(lowMel + (highMel - lowMel) * i / (MelBins + 1)); }
        for (int m = 0; m < MelBins; m++)
        {
            double left = melPoints[m], centre = melPoints[m + 1], right = melPoints[m + 2];
            double norm = 2.0 / (right - left);
            for (int k = 0; k < FrequencyBins; k++)
            {
                double hz = k * (SampleRateHz / 2.0) / (FrequencyBins - 1);
                double down = (hz - left) / (centre - left), up = (right - hz) / (right - centre);
                _filters[m * FrequencyBins + k] = Math.Max(0, Math.Min(down, up)) * norm;
            }
        }
    }

    private static double HzToMel(double hz) => hz < 1000 ? 3.0 * hz / 200.0 : 15.0 + Math.Log(hz / 1000.0) * 27.0 / Math.Log(6.4);

    private static double MelToHz(double mel) => mel < 15 ? 200.0 * mel / 3.0 : 1000.0 * Math.Exp(Math.Log(6.4) / 27.0 * (mel - 15.0));
}
