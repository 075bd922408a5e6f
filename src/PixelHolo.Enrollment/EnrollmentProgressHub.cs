using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Text.Json.Serialization;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;

namespace PixelHolo.Enrollment;

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

/// <summary>Where a job is, as the page and the console see it (JSON: "running", "succeeded", "failed", "cancelled").</summary>
public enum JobUpdateState
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>One progress event as the page and the console see it (SSE event "progress" of GET /api/jobs/{id}/events).</summary>
/// <param name="State">Running until one of the three ends.</param>
/// <param name="Stage">Current stage name ("queued", "validate", …, "done").</param>
/// <param name="Percent">0–100 overall.</param>
/// <param name="EtaSeconds">Estimated seconds left, when known.</param>
/// <param name="Error">What went wrong and what to do, when failed.</param>
public sealed record JobUpdate(string JobId, string ProfileId, JobUpdateState State, string Stage, double Percent, double? EtaSeconds, string? Error)
{
    public bool IsFinal => State is not JobUpdateState.Running;

    public static JobUpdate From(string jobId, string profileId, EnrollmentProgress progress) =>
        new(jobId, profileId, JobUpdateState.Running, progress.Stage, Math.Round(progress.OverallFraction * 100, 1),
            progress.Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : null, null);

    public static JobUpdate Queued(string jobId, string profileId) => new(jobId, profileId, JobUpdateState.Running, "queued", 0, null, null);

    public static JobUpdate Succeeded(string jobId, string profileId) => new(jobId, profileId, JobUpdateState.Succeeded, "done", 100, 0, null);

    /// <summary>A failed or cancelled end seen live (the stage says which).</summary>
    public static JobUpdate Ended(string jobId, string profileId, JobUpdateState state, string? error) =>
        new(jobId, profileId, state, state == JobUpdateState.Cancelled ? "cancelled" : "failed", 0, null, error);

    /// <summary>A stored job as an update: what a watcher gets when the job ended earlier (or in another run).</summary>
    public static JobUpdate FromStored(EnrollmentJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        JobUpdateState state = StateOf(job.State);
        return new JobUpdate(job.Id, job.ProfileId, state, job.Stage, state == JobUpdateState.Succeeded ? 100 : Math.Round(job.Progress * 100, 1), null, job.Error);
    }

    /// <summary>The stored state as the page sees it: queued and running are both "running".</summary>
    public static JobUpdateState StateOf(EnrollmentJobState state) => state switch
    {
        EnrollmentJobState.Queued or EnrollmentJobState.Running => JobUpdateState.Running,
        EnrollmentJobState.Succeeded => JobUpdateState.Succeeded,
        EnrollmentJobState.Cancelled => JobUpdateState.Cancelled,
        EnrollmentJobState.Failed => JobUpdateState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown enrollment job state."),
    };
}
