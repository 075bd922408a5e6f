using PixelHolo.Core.Speech;

namespace PixelHolo.Conversation.Turns;

/// <summary>Follows the microphone's voice activity window by window (Silero's hysteresis: speech starts at the threshold
/// and ends below threshold − 0.15) and answers the questions the listening modes ask: has the visitor spoken, for how
/// long has it been silent since, and how long has loud speech lasted (the barge-in level gate).</summary>
internal sealed class VoiceTracker(float threshold, float bargeInLevelDb)
{
    private readonly float _endThreshold = Math.Max(0.01f, threshold - 0.15f);
    private bool _inSpeech;
    private TimeSpan _speechRun;
    private TimeSpan _loudRun;

    /// <summary>Total speech since <see cref="Reset"/>.</summary>
    public TimeSpan Speech { get; private set; }

    /// <summary>The current uninterrupted stretch of speech (zero in silence).</summary>
    public TimeSpan SpeechRun => _inSpeech ? _speechRun : TimeSpan.Zero;

    /// <summary>Silence since the last speech; zero while speaking or before any speech.</summary>
    public TimeSpan Silence { get; private set; }

    /// <summary>The current stretch of speech louder than the barge-in level.</summary>
    public TimeSpan LoudRun => _loudRun;

    /// <summary>Increments each time a new pause begins, so a verdict on an old pause can be told from a new one.</summary>
    public int Pause { get; private set; }

    public void Add(VoiceActivityScore score)
    {
        bool speech = _inSpeech ? score.Probability >= _endThreshold : score.Probability >= threshold;
        if (speech)
        {
            _speechRun = _inSpeech ? _speechRun + score.Duration : score.Duration;
            _inSpeech = true;
            Speech += score.Duration;
            Silence = TimeSpan.Zero;
        }
        else
        {
            if (_inSpeech) { Pause++; }
            _inSpeech = false;
            if (Speech > TimeSpan.Zero) { Silence += score.Duration; }
        }
        _loudRun = score.Probability >= threshold && score.LevelDb >= bargeInLevelDb ? _loudRun + score.Duration : TimeSpan.Zero;
    }

    /// <summary>A new question starts: forget the speech before it.</summary>
    public void Reset()
    {
        Speech = TimeSpan.Zero;
        Silence = TimeSpan.Zero;
        _loudRun = TimeSpan.Zero;
        if (!_inSpeech) { _speechRun = TimeSpan.Zero; }
        else { Speech = _speechRun; } // speech already under way (hands-free start, barge-in) belongs to the new question
    }
}
