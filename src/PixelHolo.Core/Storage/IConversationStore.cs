namespace PixelHolo.Core.Storage;

/// <summary>Conversations with an avatar and their turns, with per-stage timings.</summary>
public interface IConversationStore
{
    /// <summary>Starts a conversation with a profile; returns its id.</summary>
    Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default);

    /// <summary>Appends one finished turn (answer or error, never both) in one transaction.</summary>
    Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default);
}

/// <summary>One question and what came of it. <see cref="Answer"/> is null when the turn failed (the error is not history).</summary>
public sealed record TurnRecord(
    string Question,
    string? Answer,
    string? Error,
    IReadOnlyDictionary<string, double> StageSeconds,
    DateTimeOffset AtUtc);
