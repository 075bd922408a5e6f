namespace PixelHolo.Web.Status;

/// <summary>At most <see cref="Concurrency"/> status documents computed at once; the other requests wait for a slot without
/// holding a thread. Each document reads SQLite (Microsoft.Data.Sqlite runs queries synchronously, so a read holds a
/// thread-pool thread): found by the soak (issue 15) — at 50 requests a second on a busy 2-core box the reads piled up,
/// each slower than the last, until 50 threads sat in SQLite, the pool's queue held 1,600 items and the stages' turns
/// stopped. Behind the gate a flood of status requests makes status slower, never the stage.</summary>
internal sealed class StatusGate : IDisposable
{
    public const int Concurrency = 2;

    private readonly SemaphoreSlim _slots = new(Concurrency, Concurrency);

    public async Task<T> RunAsync<T>(Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await compute();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
