namespace PixelHolo.Web.Hosting;

/// <summary>The defaults that depend on where the program runs: the repository root (the folder holding PixelHolo.slnx),
/// the runtime folder beside it, and the repository's intent data. Hosting reads the environment and walks folders here
/// so that Core's options stay plain values.</summary>
public static class RuntimeLocator
{
    public static string? FindRepositoryRoot(string? start = null)
    {
        foreach (string? origin in new[] { start, AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            if (origin is null) { continue; }
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PixelHolo.slnx"))) { return dir.FullName; }
            }
        }
        return null;
    }

    /// <summary>PIXELHOLO_RUNTIME_DIR, else runtime/ beside the repository root, else runtime/ in the working directory.</summary>
    public static string DefaultRuntimeDirectory()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("PIXELHOLO_RUNTIME_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv)) { return Path.GetFullPath(fromEnv); }
        string root = FindRepositoryRoot() ?? System.IO.Directory.GetCurrentDirectory();
        return Path.Combine(root, "runtime");
    }

    /// <summary>data/intent/ of the repository (or of the working directory when the repository is not found): the
    /// source of truth, fresh after `pixelholo intent train`.</summary>
    public static string IntentDataDirectory() =>
        Path.Combine(FindRepositoryRoot() ?? System.IO.Directory.GetCurrentDirectory(), "data", "intent");
}
