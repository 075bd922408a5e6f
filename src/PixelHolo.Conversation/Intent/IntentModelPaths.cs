using PixelHolo.Core.Paths;

namespace PixelHolo.Conversation.Intent;

/// <summary>Where the committed intent model and dataset live.</summary>
public static class IntentModelPaths
{
    /// <summary>File name of the model zip, in data/intent/ and copied beside the program under Intent/.</summary>
    public const string ModelFileName = "intent-model.zip";

    /// <summary>The configured path, else data/intent/ of the repository (the source of truth, fresh after
    /// `pixelholo intent train`), else the copy the build put beside the program (an installed copy without the repository).</summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) { return Path.GetFullPath(configured); }
        string inRepository = Path.Combine(DataDirectory(), ModelFileName);
        if (File.Exists(inRepository)) { return inRepository; }
        string besideProgram = Path.Combine(AppContext.BaseDirectory, "Intent", ModelFileName);
        return File.Exists(besideProgram) ? besideProgram : inRepository;
    }

    /// <summary>data/intent/ of the repository (or of the working directory when the repository is not found).</summary>
    public static string DataDirectory() =>
        Path.Combine(RuntimeLocator.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), "data", "intent");
}
