using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Core.Paths;

/// <summary>Where PixelHolo keeps its database, profiles, models and logs.</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <value>Root folder for everything PixelHolo writes. Default "runtime" beside the repository root (or the working
    /// directory), filled in by the host (RuntimeLocator, Web/Hosting) when unset. Env: PIXELHOLO_RUNTIME_DIR or
    /// PIXELHOLO_Runtime__Directory.</value>
    [Required]
    public string Directory { get; set; } = "runtime";

    /// <value>Folder of model files. Default "{Directory}/models".</value>
    public string? ModelsDirectory { get; set; }

    public string ModelsPath => ModelsDirectory is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(Root, "models");

    public string Root => Path.GetFullPath(Directory);

    public string ProfilesPath => Path.Combine(Root, "profiles");

    public string StagingPath => Path.Combine(Root, "staging");

    public string DatabasePath => Path.Combine(Root, "pixelholo.db");

    public string LogsPath => Path.Combine(Root, "logs");
}
