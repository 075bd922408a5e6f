using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Conversation.Turns;

/// <summary>How the stage listens and how long each stage of a turn may take.</summary>
public sealed class TurnOptions
{
    public const string SectionName = "Turn";

    /// <value>Silence after speech that ends a press-to-talk or hands-free question, 0.2 to 5 s. Default 0.7 s (the original
    /// waited 1.0 s). With an end-of-turn model (Smart Turn) a complete sentence ends sooner, an unfinished one later.</value>
    [Range(typeof(TimeSpan), "00:00:00.2", "00:00:05")]
    public TimeSpan EndOfTurnSilence { get; set; } = TimeSpan.FromSeconds(0.7);

    /// <value>Silence after which the end-of-turn model is asked whether the visitor has finished, 0.1 to 2 s. Default 0.25 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:02")]
    public TimeSpan EndOfTurnCheckSilence { get; set; } = TimeSpan.FromSeconds(0.25);

    /// <value>Silence that ends a question the end-of-turn model judged unfinished, 0.5 to 10 s. Default 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:00:10")]
    public TimeSpan UnfinishedTurnSilence { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Longest question; listening stops there, 2 s to 2 min. Default 20 s.</value>
    [Range(typeof(TimeSpan), "00:00:02", "00:02:00")]
    public TimeSpan MaxQuestion { get; set; } = TimeSpan.FromSeconds(20);

    /// <value>Press-to-talk: back to idle when nothing is said for this long after the key, 1 to 60 s. Default 8 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan NoSpeechTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <value>Speech probability (Silero) at which speech starts, 0.1 to 0.95; it ends below this − 0.15. Default 0.5.</value>
    [Range(0.1, 0.95)]
    public float SpeechThreshold { get; set; } = 0.5f;

    /// <value>Hands-free: speech shorter than this does not start a turn (a cough, a door), 0 to 2 s. Default 0.2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02")]
    public TimeSpan MinSpeech { get; set; } = TimeSpan.FromSeconds(0.2);

    /// <value>Hands-free barge-in while the avatar speaks: the microphone level (dBFS) the visitor's voice must exceed, on top
    /// of the browser's echo cancellation, so the avatar's own voice from the speakers does not interrupt it. −60 to 0.
    /// Default −30 dBFS.</value>
    [Range(-60.0, 0.0)]
    public float BargeInLevelDb { get; set; } = -30f;

    /// <value>Hands-free barge-in: voice above the level must last this long, 0.1 to 3 s. Default 0.4 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:03")]
    public TimeSpan BargeInMinSpeech { get; set; } = TimeSpan.FromSeconds(0.4);

    /// <value>Longest wait for the final transcript after the question ended, 1 s to 5 min. Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TranscriptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>Longest wait for the web search, 0.5 to 60 s. Default 8 s (the turn then goes on as SearchFailed).</value>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:01:00")]
    public TimeSpan SearchTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <value>Longest wait for the language model's first token, 1 s to 5 min. Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>Longest gap between two tokens before the model counts as stalled, 1 s to 5 min. Default 15 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TokenStallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <value>Longest synthesis of one text chunk, 1 s to 5 min. Default 20 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SynthesisTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <value>Longest the renderer may hold audio without giving a frame or taking more before it counts as fallen behind (the
    /// turn ends in Error), 1 s to 5 min. Default 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>After the last audio was sent, how much longer than the unplayed audio to wait for the page's
    /// "playback ended" before the answer counts as played, 1 to 60 s. Default 5 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan PlaybackGrace { get; set; } = TimeSpan.FromSeconds(5);
}
