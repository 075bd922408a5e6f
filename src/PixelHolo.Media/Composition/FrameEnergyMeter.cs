namespace PixelHolo.Media.Composition;

/// <summary>Cuts streamed audio into video-frame periods and measures each one's RMS level (channels mixed), so frame k
/// covers samples [k·rate/fps, (k+1)·rate/fps). Keeps the whole answer's levels (a few kB for a minute).</summary>
internal sealed class FrameEnergyMeter(double framesPerSecond)
{
    private readonly List<float> _levels = [];
    private int _sampleRateHz;
    private long _samples;
    private double _sum;
    private long _inFrame;
    private long _frameEnd;

    /// <summary>RMS per completed frame period.</summary>
    public IReadOnlyList<float> Levels => _levels;

    public long SamplesReceived => _samples;

    public int SampleRateHz => _sampleRateHz;

    public TimeSpan Received => _sampleRateHz == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(_samples / (double)_sampleRateHz);

    /// <summary>Frames needed to cover everything received so far (the last one possibly partial).</summary>
    public int FramesToCover => _sampleRateHz == 0 ? 0 : (int)Math.Ceiling((_samples * framesPerSecond / _sampleRateHz) - 1e-9);

    public void Add(AudioChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (_sampleRateHz == 0)
        {
            _sampleRateHz = chunk.SampleRateHz;
            _frameEnd = FrameEnd(0);
        }
        else if (chunk.SampleRateHz != _sampleRateHz)
        {
            throw new ArgumentException($"The answer's audio changed sample rate from {_sampleRateHz} Hz to {chunk.SampleRateHz} Hz mid-answer; an answer must keep one rate.", nameof(chunk));
        }
        ReadOnlySpan<float> samples = chunk.Samples.Span;
        int channels = Math.Max(1, chunk.Channels);
        for (int i = 0; i + channels <= samples.Length; i += channels)
        {
            float mono = 0;
            for (int c = 0; c < channels; c++) { mono += samples[i + c]; }
            mono /= channels;
            _sum += mono * mono;
            _inFrame++;
            _samples++;
            if (_samples >= _frameEnd)
            {
                _levels.Add((float)Math.Sqrt(_sum / Math.Max(1, _inFrame)));
                _sum = 0;
                _inFrame = 0;
                _frameEnd = FrameEnd(_levels.Count);
            }
        }
    }

    /// <summary>Closes the last partial frame period, if any.</summary>
    public void Complete()
    {
        if (_inFrame > 0)
        {
            _levels.Add((float)Math.Sqrt(_sum / _inFrame));
            _sum = 0;
            _inFrame = 0;
        }
    }

    private long FrameEnd(int frame) => (long)Math.Round((frame + 1) * _sampleRateHz / framesPerSecond);
}
