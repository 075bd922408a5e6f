using System.Collections.Concurrent;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Tests.Turns;

internal sealed class MemoryConversationStore : IConversationStore
{
    public ConcurrentQueue<TurnRecord> Turns { get; } = new();

    public Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default) => Task.FromResult("conv-" + profileId);

    public Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default)
    {
        Turns.Enqueue(turn);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnRecord>>([.. Turns]);

    public Task<IReadOnlyList<TurnRecord>> GetRecentTurnsAsync(int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TurnRecord>>([.. Turns.Reverse().Take(count)]);
}
