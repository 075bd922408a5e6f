namespace PixelHolo.Web.Status;

/// <summary>One status document computed at a time per kind, shared by every request that arrived before it started: a
/// request waits for the next computation (or joins the one not yet started), never reuses one that began before it came,
/// so each answer still reflects the state after the request. Each document reads SQLite (Microsoft.Data.Sqlite runs
/// queries synchronously, holding a thread-pool thread): found by the soak (issue 15) — at 50 requests a second on a busy
/// 2-core box the reads piled up until 50 threads sat in SQLite, 1,600 work items were queued and every stage's turns
/// stopped; with two at a time the stages went on but status requests queued past their timeout. Now a flood of status
/// requests costs one computation after another, whatever the rate.</summary>
internal sealed class StatusGate(IServiceProvider services)
{
    /// <summary>The server's root services: a shared computation must not use the scope of a request that may leave first.</summary>
    public IServiceProvider Services => services;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    /// <summary>The document of a computation of <paramref name="kind"/> that starts after this call.</summary>
    public async Task<T> RunAsync<T>(string kind, Func<Task<T>> compute, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        Flight flight;
        Task? previous = null;
        lock (_lock)
        {
            if (!_flights.TryGetValue(kind, out Flight? waiting) || waiting.Started)
            {
                previous = waiting?.Completion.Task ?? Task.CompletedTask;
                waiting = new Flight();
                _flights[kind] = waiting;
            }
            flight = waiting;
        }
        if (previous is not null) { _ = RunAfterAsync(previous, flight, compute); } // outside the lock: the reads never hold it
        return (T)await flight.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAfterAsync<T>(Task previous, Flight flight, Func<Task<T>> compute) where T : class
    {
        await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default); // its failure is its own
        lock (_lock) { flight.Started = true; }
        try
        {
            flight.Completion.SetResult(await compute());
        }
#pragma warning disable CA1031 // handed to every request waiting on this computation, each of which rethrows it
        catch (Exception ex)
#pragma warning restore CA1031
        {
            flight.Completion.SetException(ex);
        }
    }

    private sealed class Flight
    {
        public bool Started { get; set; }

        public TaskCompletionSource<object> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
