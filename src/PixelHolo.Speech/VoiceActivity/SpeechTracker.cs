namespace PixelHolo.Speech.VoiceActivity;

/// <summary>Turns per-window speech probabilities into segments, the way Silero's get_speech_timestamps does:
/// speech starts at a window with p ≥ threshold, a silence starts at a window with p &lt; threshold − 0.15, and the
/// segment ends once that silence has lasted <c>minSilence</c>; segments shorter than <c>minSpeech</c> are dropped,
/// longer than <c>maxLength</c> are cut. Positions are sample indices; it keeps the segment's samples when asked.</summary>
internal sealed class SpeechTracker(float threshold, int minSilenceSamples, int minSpeechSamples, int padSamples, int maxSamples, bool keepSamples)
{
    private readonly float _endThreshold = Math.Max(0.01f, threshold - 0.15f);
    private float[] _buffer = new float[keepSamples ? 16_000 : 0];
    private int _buffered;
    private long _bufferStart;   // sample index of _buffer[0]
    private long _position;      // samples seen
    private bool _triggered;
    private long _speechStart;
    private long? _silenceStart;
    private double _probabilitySum;
    private int _probabilityCount;

    /// <summary>A finished segment in samples (padding included) with its audio when kept.</summary>
    public readonly record struct Segment(long Start, long End, double MeanProbability, float[]? Samples);

    public Segment? Add(ReadOnlySpan<float> window, float probability)
    {
        long windowStart = _position;
        Append(window);
        _position += window.Length;
        if (!_triggered)
        {
            if (probability >= threshold)
            {
                _triggered = true;
                _speechStart = windowStart;
                _silenceStart = null;
                _probabilitySum = probability;
                _probabilityCount = 1;
            }
            else
            {
                KeepPreRoll();
            }
            return null;
        }
        if (probability >= threshold) { _silenceStart = null; }
        else if (probability < _endThreshold && _silenceStart is null) { _silenceStart = windowStart; }
        if (_silenceStart is null)
        {
            _probabilitySum += probability;
            _probabilityCount++;
        }
        if (_silenceStart is long silence && _position - silence >= minSilenceSamples) { return Close(silence); }
        if (_position - _speechStart >= maxSamples)
        {
            Segment? cut = Close(_position);
            // Speech goes on: the next piece starts right here.
            _triggered = true;
            _speechStart = _position;
            _probabilitySum = 0;
            _probabilityCount = 0;
            return cut;
        }
        return null;
    }

    /// <summary>The end of the stream: closes a segment still open.</summary>
    public Segment? Finish() => _triggered ? Close(_silenceStart ?? _position) : null;

    private Segment? Close(long speechEnd)
    {
        _triggered = false;
        long speechStart = _speechStart;
        _silenceStart = null;
        Segment? segment = null;
        if (speechEnd - speechStart >= minSpeechSamples)
        {
            long start = Math.Max(keepSamples ? _bufferStart : 0, speechStart - padSamples);
            long end = Math.Min(_position, speechEnd + padSamples);
            float[]? samples = keepSamples ? _buffer.AsSpan((int)(start - _bufferStart), (int)(end - start)).ToArray() : null;
            double mean = _probabilityCount > 0 ? _probabilitySum / _probabilityCount : threshold;
            segment = new Segment(start, end, mean, samples);
        }
        KeepPreRoll();
        return segment;
    }

    private void Append(ReadOnlySpan<float> window)
    {
        if (!keepSamples) { return; }
        if (_buffered + window.Length > _buffer.Length) { Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _buffered + window.Length)); }
        window.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += window.Length;
    }

    /// <summary>Outside speech, only the last <c>padSamples</c> are needed (the next segment's leading padding).</summary>
    private void KeepPreRoll()
    {
        if (!keepSamples) { _bufferStart = _position; return; }
        int keep = (int)Math.Min(_buffered, padSamples);
        _buffer.AsSpan(_buffered - keep, keep).CopyTo(_buffer);
        _buffered = keep;
        _bufferStart = _position - keep;
    }
}
