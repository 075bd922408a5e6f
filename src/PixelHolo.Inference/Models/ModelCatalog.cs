using System.Text.Json;

namespace PixelHolo.Inference.Models;

/// <summary>The models PixelHolo knows, read from the manifest embedded at build time.</summary>
public sealed class ModelCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public ModelCatalog(IReadOnlyList<ModelDescriptor> models) => Models = models;

    public IReadOnlyList<ModelDescriptor> Models { get; }

    public static ModelCatalog LoadEmbedded()
    {
        using Stream stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("PixelHolo.models.manifest.json")
            ?? throw new InvalidOperationException("The model manifest is not embedded in PixelHolo.Inference; rebuild the solution.");
        var manifest = JsonSerializer.Deserialize<Manifest>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded model manifest is empty.");
        return new ModelCatalog(manifest.Models);
    }

    public ModelDescriptor Get(string id) =>
        Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"No model '{id}' in the manifest. Known: {string.Join(", ", Models.Select(m => m.Id))}.", nameof(id));

    /// <summary>The models of a pull group ("tts", "stt", "turn"), in manifest order; empty when none has that group.</summary>
    public IReadOnlyList<ModelDescriptor> InGroup(string group) =>
        [.. Models.Where(m => string.Equals(m.Group, group, StringComparison.OrdinalIgnoreCase))];

    private sealed record Manifest(List<ModelDescriptor> Models);
}
