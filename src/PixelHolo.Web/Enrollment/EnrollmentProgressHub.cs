using System.Collections.Concurrent;
using System.Threading.Channels;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Web.Enrollment;

/// <summary>Fans each job's progress out to whoever watches it (SSE connections, the console). Keeps the latest report per job
/// so a late subscriber starts from where the job is.</summary>
public sealed class EnrollmentProgressHub
{
    private readonly ConcurrentDictionary<string, JobFeed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Every update of every job, as it happens (the console reporter listens here).</summary>
    public event Action<JobUpdate>? Reported;

    public void Report(string jobId, JobUpdate update)
    {
        _feeds.GetOrAdd(jobId, _ => new JobFeed()).Publish(update);
        Reported?.Invoke(update);
    }

    /// <summary>Updates of one job until it ends; starts with the latest known one.</summary>
    public async IAsyncEnumerable<JobUpdate> WatchAsync(string jobId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        JobFeed feed = _feeds.GetOrAdd(jobId, _ => new JobFeed());
        // Only the newest progress matters to a watcher; a slow browser must not hold the job back.
        Channel<JobUpdate> channel = Channel.CreateBounded<JobUpdate>(new BoundedChannelOptions(16)
            { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });
        JobUpdate? latest = feed.Subscribe(channel);
        try
        {
            if (latest is not null)
            {
                yield return latest;
                if (latest.IsFinal) { yield break; }
            }
            await foreach (JobUpdate update in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return update;
                if (update.IsFinal) { yield break; }
            }
        }
        finally
        {
            feed.Unsubscribe(channel);
        }
    }

    public JobUpdate? Latest(string jobId) => _feeds.TryGetValue(jobId, out JobFeed? feed) ? feed.Latest : null;

    private sealed class JobFeed
    {
        private readonly Lock _gate = new();
        private readonly List<Channel<JobUpdate>> _subscribers = [];

        public JobUpdate? Latest { get; private set; }

        public void Publish(JobUpdate update)
        {
            lock (_gate)
            {
                Latest = update;
                foreach (Channel<JobUpdate> subscriber in _subscribers)
                {
                    subscriber.Writer.TryWrite(update);
                    if (update.IsFinal) { subscriber.Writer.TryComplete(); }
                }
            }
        }

        public JobUpdate? Subscribe(Channel<JobUpdate> channel)
        {
            lock (_gate)
            {
                _subscribers.Add(channel);
                return Latest;
            }
        }

        public void Unsubscribe(Channel<JobUpdate> channel)
        {
            lock (_gate) { _subscribers.Remove(channel); }
        }
    }
}

/// <summary>One progress event as the page and the console see it.</summary>
/// <param name="State">"running", "succeeded", "failed" or "cancelled".</param>
/// <param name="Stage">Current stage name.</param>
/// <param name="Percent">0–100 overall.</param>
/// <param name="EtaSeconds">Estimated seconds left, when known.</param>
/// <param name="Error">What went wrong and what to do, when failed.</param>
public sealed record JobUpdate(string JobId, string ProfileId, string State, string Stage, double Percent, double? EtaSeconds, string? Error)
{
    public bool IsFinal => State is "succeeded" or "failed" or "cancelled";

    public static JobUpdate From(string jobId, string profileId, EnrollmentProgress progress) =>
        new(jobId, profileId, "running", progress.Stage, Math.Round(progress.OverallFraction * 100, 1),
            progress.Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : null, null);
}
