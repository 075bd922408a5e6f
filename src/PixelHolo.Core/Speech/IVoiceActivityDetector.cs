using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Splits 16 kHz mono audio into utterances. Safe for concurrent calls; state is per call.</summary>
public interface IVoiceActivityDetector
{
    /// <summary>Why detection is off (its model is missing or damaged, and the fix), or null when it works. The server
    /// starts without it; only the microphone path and enrollment's speech check fail, with this reason.</summary>
    string? UnavailableReason => null;

    IAsyncEnumerable<Utterance> DetectAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default);

    /// <summary>The speech probability and level of each analysis window, as the audio arrives, for callers that decide
    /// turns themselves (the stage's listening modes and barge-in). Same audio format as <see cref="DetectAsync"/>.</summary>
    IAsyncEnumerable<VoiceActivityScore> ScoreAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default);
}

/// <summary>One analysis window of voice activity detection.</summary>
/// <param name="Start">Start of the window in the stream (the first chunk's <see cref="AudioChunk.Start"/> counts).</param>
/// <param name="Duration">Length of the window.</param>
/// <param name="Probability">Speech probability, 0 to 1.</param>
/// <param name="LevelDb">RMS level of the window in dBFS (−100 for digital silence).</param>
public readonly record struct VoiceActivityScore(TimeSpan Start, TimeSpan Duration, float Probability, float LevelDb)
{
    /// <summary>End of the window in the stream.</summary>
    public TimeSpan End => Start + Duration;
}
