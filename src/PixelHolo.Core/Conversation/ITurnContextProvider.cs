namespace PixelHolo.Core.Conversation;

/// <summary>Runs before the language model on every turn and returns text for the system prompt (web results, say).
/// It may publish stage events (Searching, SearchFailed) and record timings.</summary>
public interface ITurnContextProvider
{
    Task<IReadOnlyList<string>> PrepareAsync(string question, TurnState state, IStageEvents events, TurnTimings timings, CancellationToken cancellationToken = default);
}

/// <summary>Per-conversation scratch state that context providers keep between turns (the previous search query, say).</summary>
public sealed class TurnState
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
}
