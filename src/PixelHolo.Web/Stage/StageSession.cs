using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>Why a session ended from the server's side.</summary>
internal enum StageCloseReason
{
    None,
    ProfileGone,
    ServerStopping,
}

/// <summary>One open stage: its turn state machine, and the observers (face tracking) that follow its states. Ends when
/// its socket closes, <see cref="Close"/> is called (profile deleted) or the server stops; disposing it disposes the
/// conversation exactly once and removes it from <see cref="StageSessions"/>.</summary>
internal sealed class StageSession : IAsyncDisposable
{
    private readonly IReadOnlyList<IStageObserver> _observers;
    private readonly CancellationTokenSource _closing;
    private readonly Action<StageSession> _removed;
    private int _disposed;

    public StageSession(string profileId, IStageConversation conversation, IReadOnlyList<IStageObserver> observers, Action<StageSession> removed, CancellationToken serverStopping)
    {
        ProfileId = profileId;
        Conversation = conversation;
        _observers = observers;
        _removed = removed;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        _closing.Token.Register(() => { if (CloseReason == StageCloseReason.None) { CloseReason = StageCloseReason.ServerStopping; } });
    }

    public string ProfileId { get; }

    public IStageConversation Conversation { get; }

    /// <summary>Cancelled when the server ends the session (see <see cref="CloseReason"/>).</summary>
    public CancellationToken Closing => _closing.Token;

    public StageCloseReason CloseReason { get; private set; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Close(StageCloseReason reason)
    {
        if (CloseReason == StageCloseReason.None) { CloseReason = reason; }
        try { _closing.Cancel(); }
        catch (ObjectDisposedException) { } // already disposed: nothing left to close
    }

    /// <summary>Tells every observer about a state change; an observer that throws is a bug in it and must not end the stage.</summary>
    public void Notify(StageEvent stageEvent)
    {
        foreach (IStageObserver observer in _observers)
        {
#pragma warning disable CA1031 // IStageObserver's contract says it never throws; one that does must not cut the visitor's stage.
            try { observer.OnStageChanged(stageEvent); }
            catch (Exception) { }
#pragma warning restore CA1031
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) { return; }
        try
        {
            await Conversation.DisposeAsync();
        }
        finally
        {
            _removed(this);
            _closing.Dispose();
        }
    }
}
