using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Composition;

/// <summary>How answers are rendered (section "Rendering"): the engine choice, loop mode's cross-fades and look-ahead, and
/// the encoding of `pixelholo render`'s MP4.</summary>
public sealed class LoopRendererOptions
{
    public const string SectionName = "Rendering";

    /// <value>x264 preset of the MP4 `pixelholo render` writes; faster presets finish sooner, slower ones make smaller
    /// files. Default "veryfast".</value>
    [Required]
    public string Preset { get; set; } = "veryfast";

    /// <value>Streaming engine: "auto" (lip-sync when the profile has a lip-sync model and the machine keeps real time, else
    /// loop, else the still), "lipsync", "loop" or "still". Default "auto".</value>
    [Required]
    [RegularExpression("^(auto|lipsync|loop|still)$", ErrorMessage = "Rendering:Engine must be auto, lipsync, loop or still.")]
    public string Engine { get; set; } = "auto";

    /// <value>Length of the cross-fade of every jump in the footage, 0.04 to 1 s. Default 0.2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.04", "00:00:01")]
    public TimeSpan CrossFade { get; set; } = TimeSpan.FromSeconds(0.2);

    /// <value>Audio look-ahead: a frame is rendered once this much audio after it has arrived (the mouth moves before the
    /// sound), 0 to 0.4 s. Default 0.16 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.4")]
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromSeconds(0.16);

    /// <value>Short pauses stay talking footage: silence shorter than this after speech does not switch to idle, 0 to 1 s.
    /// Default 0.2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Hangover { get; set; } = TimeSpan.FromSeconds(0.2);

    /// <value>JPEG quality of rendered frames (blends, lip-sync), 50 to 100. Default 88.</value>
    [Range(50, 100)]
    public int JpegQuality { get; set; } = 88;

    /// <value>"auto" keeps an engine only while it renders at least this many times real time (measured at start-up and per
    /// chunk), 1 to 10. Default 1.2.</value>
    [Range(1.0, 10.0)]
    public double MinRealTimeFactor { get; set; } = 1.2;
}
