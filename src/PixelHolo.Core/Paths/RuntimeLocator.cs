namespace PixelHolo.Core.Paths;

/// <summary>Finds the repository root (the folder holding PixelHolo.slnx) so defaults do not depend on the working directory.</summary>
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

    public static string DefaultRuntimeDirectory()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("PIXELHOLO_RUNTIME_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv)) { return Path.GetFullPath(fromEnv); }
        string root = FindRepositoryRoot() ?? System.IO.Directory.GetCurrentDirectory();
        return Path.Combine(root, "runtime");
    }
}
