namespace PixelHolo.Speech.SpeechToText;

/// <summary>Which recogniser is in use and, when it is not the one wanted (a fallback, or crude pocketsphinx), why —
/// for /status, the stage's warning line and the CLI.</summary>
public interface ISpeechRecognizerInfo
{
    /// <summary>"parakeet", "moonshine", "whisper" or "pocketsphinx".</summary>
    string Engine { get; }

    /// <summary>Null for a neural recogniser that was chosen as configured; otherwise what is wrong and what to do.</summary>
    string? Warning { get; }
}
