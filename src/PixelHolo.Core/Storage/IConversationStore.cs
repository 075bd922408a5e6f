namespace PixelHolo.Core.Storage;

/// <summary>Conversations with an avatar and their turns, with per-stage timings.</summary>
public interface IConversationStore
{
    /// <summary>Starts a conversation with a profile; returns its id.</summary>
    Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default);

    /// <summary>Appends one finished turn (answer or error, never both) in one transaction.</summary>
    Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> turns of every conversation, newest first (the status page).</summary>
    Task<IReadOnlyList<TurnRecord>> GetRecentTurnsAsync(int count, CancellationToken cancellationToken = default);
}

/// <summary>One question and what came of it. <see cref="Answer"/> is null when the turn failed before a word was heard
/// (the error is not history).</summary>
/// <param name="StageSeconds">Timings by name ("transcript", "firstToken", "firstAudio", "total", …), seconds from the end of the question.</param>
/// <param name="TurnId">The stage's turn id, when the turn came from the turn state machine.</param>
/// <param name="Interrupted">The answer was cut (barge-in or a fault); <see cref="Answer"/> holds only the words heard.</param>
/// <param name="Fault">Why a partly heard answer was cut by a fault (the answer stays, so this is not <see cref="Error"/>).</param>
public sealed record TurnRecord(
    string Question,
    string? Answer,
    string? Error,
    IReadOnlyDictionary<string, double> StageSeconds,
    DateTimeOffset AtUtc,
    string? TurnId = null,
    bool Interrupted = false,
    string? Fault = null);
