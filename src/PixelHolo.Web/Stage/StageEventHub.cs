using System.Threading.Channels;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>The stage events of one stage session, fanned out to every open stage page (SSE). Keeps the current state.</summary>
public sealed class StageEventHub(TimeProvider time) : IStageEvents
{
    private readonly Lock _gate = new();
    private readonly List<Channel<StageEvent>> _subscribers = [];

    public StageEvent Current { get; private set; } = new(StageState.Idle, null, time.GetUtcNow());

    public void Publish(StageState state, string? detail = null)
    {
        var stageEvent = new StageEvent(state, detail, time.GetUtcNow());
        lock (_gate)
        {
            Current = stageEvent;
            foreach (Channel<StageEvent> subscriber in _subscribers) { subscriber.Writer.TryWrite(stageEvent); }
        }
    }

    public async IAsyncEnumerable<StageEvent> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The icon shows the newest state; stale states queued behind a slow page are worthless.
        var channel = Channel.CreateBounded<StageEvent>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        StageEvent current;
        lock (_gate)
        {
            _subscribers.Add(channel);
            current = Current;
        }
        try
        {
            yield return current;
            await foreach (StageEvent e in channel.Reader.ReadAllAsync(cancellationToken)) { yield return e; }
        }
        finally
        {
            lock (_gate) { _subscribers.Remove(channel); }
        }
    }
}
