namespace PixelHolo.Conversation.Intent;

/// <summary>Where the committed intent model lives.</summary>
public static class IntentModelPaths
{
    /// <summary>File name of the model zip, in data/intent/ and copied beside the program under Intent/.</summary>
    public const string ModelFileName = "intent-model.zip";

    /// <summary>The configured path (the host fills in the repository's data/intent/ copy when there is one), else the copy
    /// the build put beside the program (an installed copy without the repository).</summary>
    public static string Resolve(string? configured) =>
        !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(configured) : Path.Combine(AppContext.BaseDirectory, "Intent", ModelFileName);
}
