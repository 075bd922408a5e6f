using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.VoiceActivity;

/// <summary>Voice activity detection with the packaged Silero v6 model.</summary>
public sealed class VoiceActivityOptions
{
    public const string SectionName = "VoiceActivity";

    /// <value>Silero v6 ONNX file. Default empty = "silero_vad.onnx" in the models folder (Runtime:ModelsDirectory).
    /// Env: PIXELHOLO_VoiceActivity__ModelPath.</value>
    public string ModelPath { get; set; } = "";

    /// <value>Speech probability at which speech starts, 0.05 to 0.95; speech ends below Threshold − 0.15 (Silero's hysteresis). Default 0.5.</value>
    [Range(0.05, 0.95)]
    public float Threshold { get; set; } = 0.5f;

    /// <value>Silence that ends a turn when listening to a microphone, 0.1 to 10 s. Default 1 s (as the original).</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:00:10")]
    public TimeSpan EndOfTurnSilence { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>Silence that separates two speech segments of a recording (enrollment), 0.03 to 5 s. Default 0.3 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.03", "00:00:05")]
    public TimeSpan SegmentSilence { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <value>Shorter bursts of speech (a cough, a click) are dropped, 0 to 5 s. Default 0.25 s (Silero's default).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan MinSpeech { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <value>Audio kept before and after each utterance, 0 to 1 s. Default 0.03 s (Silero's default).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan SpeechPadding { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <value>Longest utterance; longer speech is cut into pieces of this length, 1 s to 10 min. Default 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxUtterance { get; set; } = TimeSpan.FromSeconds(30);
}
