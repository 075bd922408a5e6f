using System.Collections.Concurrent;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>One stage session per profile shown: its conversation and its event hub.</summary>
public sealed class StageSessions(ConversationEngine engine, TimeProvider time, IEnumerable<IStageObserver> observers)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<StageSession>>> _sessions = new(StringComparer.Ordinal);

    public Task<StageSession> GetAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        // The session outlives the request that created it: its creation must not be cancelled with that request.
        Task<StageSession> session = _sessions.GetOrAdd(profile.Id, _ => new Lazy<Task<StageSession>>(async () =>
            new StageSession(await engine.StartAsync(profile, CancellationToken.None), new StageEventHub(time, observers)))).Value;
        return session.WaitAsync(cancellationToken);
    }

    public StageEventHub? FindEvents(string profileId) =>
        _sessions.TryGetValue(profileId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result.Events : null;

    public void Forget(string profileId) => _sessions.TryRemove(profileId, out _);
}

public sealed record StageSession(ConversationSession Conversation, StageEventHub Events);
