using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>Why a session ended from the server's side.</summary>
internal enum StageCloseReason
{
    None,
    ProfileGone,
    ServerStopping,
}

/// <summary>One open stage: its turn state machine (which also tells the <see cref="IStageObserver"/>s, face tracking,
/// about each state change). Ends when
/// its socket closes, <see cref="Close"/> is called (profile deleted) or the server stops; disposing it disposes the
/// conversation exactly once and removes it from <see cref="StageSessions"/>.</summary>
internal sealed class StageSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing;
    private readonly CancellationToken _serverStopping;
    private readonly Action<StageSession> _removed;
    private int _reason; // a StageCloseReason, set once
    private int _disposed;

    public StageSession(string profileId, IStageConversation conversation, Action<StageSession> removed, CancellationToken serverStopping)
    {
        ProfileId = profileId;
        Conversation = conversation;
        _removed = removed;
        _serverStopping = serverStopping;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
    }

    public string ProfileId { get; }

    public IStageConversation Conversation { get; }

    /// <summary>Cancelled when the server ends the session (see <see cref="CloseReason"/>).</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Read from the server's token itself, not set by a callback on it: a token's callbacks run one after another on
    /// the cancelling thread, and the socket's own (registered later, so run first) could let it read "none" before a callback
    /// had set the reason — the page then got 1000 instead of 1001 (seen under load).</summary>
    public StageCloseReason CloseReason
    {
        get
        {
            var reason = (StageCloseReason)Volatile.Read(ref _reason);
            return reason != StageCloseReason.None ? reason
                : _serverStopping.IsCancellationRequested ? StageCloseReason.ServerStopping
                : StageCloseReason.None;
        }
    }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Close(StageCloseReason reason)
    {
        if (!_serverStopping.IsCancellationRequested) { Interlocked.CompareExchange(ref _reason, (int)reason, (int)StageCloseReason.None); } // the first reason wins
        try { _closing.Cancel(); }
        catch (ObjectDisposedException) { } // already disposed: nothing left to close
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        // Out of the open set first: once its conversation is being disposed the session is no longer open, and whoever
        // waits for that disposal then sees the count without it.
        _removed(this);
        try
        {
            await Conversation.DisposeAsync();
        }
        finally
        {
            _closing.Dispose();
        }
    }
}
