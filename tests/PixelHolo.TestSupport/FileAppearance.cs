namespace PixelHolo.TestSupport;

/// <summary>Waits for files to exist, woken by the file system's own events (inotify, through FileSystemWatcher), never by
/// polling or sleeping.</summary>
public static class FileAppearance
{
    /// <summary>Completes once every one of <paramref name="paths"/> (all in one folder) exists; throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitAsync(IReadOnlyList<string> paths, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string folder = System.IO.Path.GetDirectoryName(paths[0]) ?? throw new ArgumentException("Give full paths.", nameof(paths));
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName };
        void Check()
        {
            if (paths.All(File.Exists)) { all.TrySetResult(); }
        }
        watcher.Created += (_, _) => Check();
        watcher.Renamed += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        Check(); // after subscribing, so a file made in between is not missed
        try { await all.Task.WaitAsync(timeout, cancellationToken); }
        catch (TimeoutException)
        {
            throw new TimeoutException($"After {timeout.TotalSeconds} s these files do not all exist: {string.Join(", ", paths.Where(p => !File.Exists(p)))}.");
        }
    }
}
