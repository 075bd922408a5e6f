using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Composition;

/// <summary>How answer clips are rendered in loop mode (the person's footage plays while the voice speaks).</summary>
public sealed class LoopRendererOptions
{
    public const string SectionName = "Rendering";

    /// <value>x264 preset for answer clips; faster presets give the first frame sooner. Default "veryfast".</value>
    [Required]
    public string Preset { get; set; } = "veryfast";

    /// <value>Answer clips kept per profile before the oldest are deleted. Default 20.</value>
    [Range(1, 1000)]
    public int KeepClips { get; set; } = 20;
}
