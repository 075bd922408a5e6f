using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>The open stages: one <see cref="StageSession"/> per stage page socket. Nothing is cached between opens, so a
/// stage that failed to open (a model missing, a server down) opens as soon as the cause is fixed; a forgotten profile
/// (deleted) has its sessions closed and removed, so nothing keeps watching it. A session lives until its socket closes,
/// the profile is forgotten or the server stops — never tied to the token of the request that opened it.</summary>
internal sealed partial class StageSessions(
    IServiceProvider services, IOptions<StageSocketOptions> options, ILogger<StageSessions> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<StageSession, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sessions open now, for <paramref name="profileId"/> or all.</summary>
    public int Count(string? profileId = null) => _open.Keys.Count(s => profileId is null || s.ProfileId == profileId);

    /// <summary>The profiles with a stage open now (for /api/status).</summary>
    public IEnumerable<string> OpenProfileIds() => _open.Keys.Select(s => s.ProfileId).Distinct(StringComparer.Ordinal);

    /// <summary>Opens a stage for the profile. <paramref name="cancellationToken"/> cancels the opening only.</summary>
    public async Task<StageSession> OpenAsync(AvatarProfile profile, ListeningMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        IStageConversationFactory factory = services.GetService<IStageConversationFactory>()
            ?? throw new ServiceUnavailableException("stage",
                "No turn state machine is registered (IStageConversationFactory), so the stage cannot converse. This build lacks PixelHolo.Conversation's stage; update PixelHolo.");
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        opening.CancelAfter(options.Value.OpenTimeout);
        IStageConversation conversation;
        try
        {
            conversation = await factory.OpenAsync(profile.Id, mode, opening.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new ServiceUnavailableException("stage",
                $"Opening the stage of '{profile.Id}' took longer than {options.Value.OpenTimeout.TotalSeconds:0} s (StageSocket:OpenTimeout). Check `pixelholo doctor`, then reload the page.");
        }
        var session = new StageSession(profile.Id, conversation, Remove, _stopping.Token);
        _open.TryAdd(session, 0);
        if (_stopping.IsCancellationRequested) { await session.DisposeAsync(); } // raced with shutdown: do not leak it
        Log.Opened(logger, profile.Id, mode, _open.Count);
        return session;
    }

    /// <summary>The profile is gone (deleted): close its stages; their pages are told why (4404).</summary>
    public void Forget(string profileId)
    {
        foreach (StageSession session in _open.Keys.Where(s => s.ProfileId == profileId)) { session.Close(StageCloseReason.ProfileGone); }
    }

    private void Remove(StageSession session)
    {
        if (_open.TryRemove(session, out _)) { Log.Closed(logger, session.ProfileId, _open.Count); }
        if (_stopping.IsCancellationRequested && _open.IsEmpty) { _allClosed.TrySetResult(); }
    }

    /// <summary>The server is stopping: closes every open socket (1001) and waits until they have closed, so the pages are
    /// told why before Kestrel stops accepting and aborts what is left. <paramref name="cancellationToken"/> bounds the wait.</summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken)
    {
        Stop();
        if (_open.IsEmpty) { return; }
        await _allClosed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The server is stopping: every open socket closes (1001) so the host need not wait for them.</summary>
    public void Stop()
    {
        try { _stopping.Cancel(); }
        catch (ObjectDisposedException) { } // already disposed: everything is closed
    }

    /// <summary>Server stopped: every session closes (1001) and is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (StageSession session in _open.Keys) { await session.DisposeAsync(); }
        _stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Stage {ProfileId} opened ({Mode}); {Open} stage(s) open")]
        public static partial void Opened(ILogger logger, string profileId, ListeningMode mode, int open);

        [LoggerMessage(Level = LogLevel.Information, Message = "Stage {ProfileId} closed; {Open} stage(s) open")]
        public static partial void Closed(ILogger logger, string profileId, int open);
    }
}
