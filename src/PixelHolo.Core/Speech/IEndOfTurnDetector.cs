namespace PixelHolo.Core.Speech;

/// <summary>Decides, when voice activity pauses, whether the visitor has finished their turn (e.g. Smart Turn) or is
/// only pausing mid-sentence. The turn falls back to the silence length alone when no detector is available.</summary>
public interface IEndOfTurnDetector
{
    /// <summary>Engine name for logs and status, e.g. "smart-turn-v3.2".</summary>
    string Name { get; }

    /// <summary>False when the model is absent (the caller then uses the silence length); says why in logs once.</summary>
    bool IsAvailable { get; }

    /// <summary>Scores the utterance so far (16 kHz mono, the last ~8 s are enough).</summary>
    Task<EndOfTurnDecision> PredictAsync(ReadOnlyMemory<float> speech16kHz, CancellationToken cancellationToken = default);
}

/// <summary>The end-of-turn verdict: <paramref name="Probability"/> that the turn is complete, and the decision at the
/// detector's threshold.</summary>
public sealed record EndOfTurnDecision(bool IsComplete, double Probability);
