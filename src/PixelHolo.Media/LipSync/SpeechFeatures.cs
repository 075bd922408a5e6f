namespace PixelHolo.Media.LipSync;

/// <summary>Mean and standard deviation of the 26 MFCC + delta dimensions of one voice.</summary>
internal sealed record VoiceStatistics(float[] Mean, float[] Std)
{
    public const int Dimensions = Mfcc.Coefficients * 2;
}

/// <summary>Audio features per video frame, streamed: audio (any rate, channels mixed) is resampled to 16 kHz, turned into
/// MFCC-13 + deltas every 10 ms, normalised for the voice (running statistics of this voice, starting from a prior), and
/// stacked over ±100 ms around each frame's centre (11 taps, 20 ms apart): 286 numbers per frame.</summary>
internal sealed class SpeechFeatures
{
    public const int Taps = 11;
    public const int TapStride = 2; // MFCC hops (20 ms)
    public const int ContextHops = (Taps / 2 * TapStride) + 2; // +100 ms and the delta window
    public const int Dimensions = Taps * VoiceStatistics.Dimensions;

    private readonly double _fps;
    private readonly Mfcc _mfcc = new();
    private readonly List<float[]> _frames = [];
    private readonly VoiceStatistics _prior;
    private readonly double _priorWeight;
    private readonly double[] _sum = new double[VoiceStatistics.Dimensions];
    private readonly double[] _sumSquares = new double[VoiceStatistics.Dimensions];
    private readonly bool _adapt;
    private int _counted;
    private double _resamplePosition;
    private float _lastSample;
    private int _inputRate;
    private bool _complete;

    /// <param name="prior">Statistics to start from (the enrolled person's voice).</param>
    /// <param name="priorWeightHops">How many 10 ms hops the prior weighs against this voice's own running statistics; 0 = the
    /// prior is used unchanged (no adaptation).</param>
    public SpeechFeatures(double framesPerSecond, VoiceStatistics prior, int priorWeightHops)
    {
        _fps = framesPerSecond;
        _prior = prior;
        _priorWeight = priorWeightHops;
        _adapt = priorWeightHops > 0;
    }

    public int HopCount => _frames.Count;

    /// <summary>Video frames whose features can be computed now (all of them once the audio is complete).</summary>
    public int AvailableFrames
    {
        get
        {
            if (_complete) { return int.MaxValue; }
            // Frame k needs hops up to Centre(k) + ContextHops.
            double seconds = ((_frames.Count - 1 - ContextHops) * Mfcc.HopSeconds) + 0.0125;
            return Math.Max(0, (int)Math.Floor((seconds * _fps) - 0.5) + 1);
        }
    }

    public void Add(AudioChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (_inputRate == 0) { _inputRate = chunk.SampleRateHz; }
        else if (_inputRate != chunk.SampleRateHz) { throw new ArgumentException($"Audio changed rate from {_inputRate} Hz to {chunk.SampleRateHz} Hz mid-answer.", nameof(chunk)); }
        Accept(_mfcc.Add(Resample(chunk.Samples.Span, Math.Max(1, chunk.Channels))));
    }

    /// <summary>Adds 16 kHz mono samples directly.</summary>
    public void AddMono16k(ReadOnlySpan<float> samples) => Accept(_mfcc.Add(samples));

    /// <summary>The audio has ended: pads with silence so the last frames get their context.</summary>
    public void Complete()
    {
        Accept(_mfcc.Add(new float[Mfcc.Window + (ContextHops * Mfcc.Hop)]));
        _complete = true;
    }

    /// <summary>Current statistics of this voice (the prior blended with what was heard).</summary>
    public VoiceStatistics Statistics()
    {
        float[] mean = new float[VoiceStatistics.Dimensions];
        float[] std = new float[VoiceStatistics.Dimensions];
        for (int d = 0; d < mean.Length; d++)
        {
            double w = _adapt ? _priorWeight : double.PositiveInfinity;
            double n = _counted;
            double priorVar = _prior.Std[d] * (double)_prior.Std[d];
            double m = double.IsInfinity(w) ? _prior.Mean[d] : ((_sum[d]) + (w * _prior.Mean[d])) / (n + w);
            double ex2 = double.IsInfinity(w) ? priorVar + (m * m) : (_sumSquares[d] + (w * (priorVar + (_prior.Mean[d] * (double)_prior.Mean[d])))) / (n + w);
            mean[d] = (float)m;
            std[d] = (float)Math.Sqrt(Math.Max(1e-6, ex2 - (m * m)));
        }
        return new VoiceStatistics(mean, std);
    }

    /// <summary>The stacked, normalised feature vector of video frame <paramref name="frame"/>.</summary>
    public float[] FrameFeatures(int frame, VoiceStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        float[] result = new float[Dimensions];
        int centre = CentreHop(frame);
        for (int t = 0; t < Taps; t++)
        {
            int hop = centre + ((t - (Taps / 2)) * TapStride);
            float[] raw = Raw(hop);
            for (int d = 0; d < VoiceStatistics.Dimensions; d++)
            {
                result[(t * VoiceStatistics.Dimensions) + d] = (raw[d] - statistics.Mean[d]) / statistics.Std[d];
            }
        }
        return result;
    }

    /// <summary>MFCC + delta of one hop (clamped at the ends).</summary>
    public float[] Raw(int hop)
    {
        int n = _frames.Count;
        float[] result = new float[VoiceStatistics.Dimensions];
        if (n == 0) { return result; }
        float[] c = _frames[Math.Clamp(hop, 0, n - 1)];
        Array.Copy(c, result, Mfcc.Coefficients);
        for (int k = 0; k < Mfcc.Coefficients; k++)
        {
            // Regression delta over ±2 hops: Σ i·(c[t+i] − c[t−i]) / (2 Σ i²).
            double delta = 0;
            for (int i = 1; i <= 2; i++) { delta += i * (_frames[Math.Clamp(hop + i, 0, n - 1)][k] - _frames[Math.Clamp(hop - i, 0, n - 1)][k]); }
            result[Mfcc.Coefficients + k] = (float)(delta / 10);
        }
        return result;
    }

    public int CentreHop(int frame) => (int)Math.Round(((((frame + 0.5) / _fps) - 0.0125) / Mfcc.HopSeconds));

    private void Accept(List<float[]> hops)
    {
        foreach (float[] hop in hops)
        {
            _frames.Add(hop);
            // Statistics count a hop once its deltas are final (two hops later).
            int ready = _frames.Count - 3;
            if (ready >= 0 && ready >= _counted) { Count(Raw(ready)); }
        }
    }

    private void Count(float[] raw)
    {
        for (int d = 0; d < raw.Length; d++)
        {
            _sum[d] += raw[d];
            _sumSquares[d] += raw[d] * (double)raw[d];
        }
        _counted++;
    }

    private float[] Resample(ReadOnlySpan<float> interleaved, int channels)
    {
        int frames = interleaved.Length / channels;
        if (_inputRate == Mfcc.SampleRateHz && channels == 1) { return interleaved.ToArray(); }
        double step = _inputRate / (double)Mfcc.SampleRateHz;
        var output = new List<float>((int)(frames / step) + 2);
        // _resamplePosition is relative to the first sample of this chunk; index -1 is the last sample of the previous one.
        while (_resamplePosition < frames - 1 + 1e-9)
        {
            int i = (int)Math.Floor(_resamplePosition);
            double f = _resamplePosition - i;
            float a = i < 0 ? _lastSample : Mono(interleaved, i, channels);
            float b = Mono(interleaved, Math.Min(frames - 1, i + 1), channels);
            output.Add((float)(a + ((b - a) * f)));
            _resamplePosition += step;
        }
        if (frames > 0)
        {
            _lastSample = Mono(interleaved, frames - 1, channels);
            _resamplePosition -= frames;
        }
        return [.. output];
    }

    private static float Mono(ReadOnlySpan<float> interleaved, int frame, int channels)
    {
        float sum = 0;
        for (int c = 0; c < channels; c++) { sum += interleaved[(frame * channels) + c]; }
        return sum / channels;
    }
}
