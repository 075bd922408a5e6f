using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Processes.Ffmpeg;

/// <summary>Where the ffmpeg tools are.</summary>
public sealed class FfmpegOptions
{
    public const string SectionName = "Ffmpeg";

    /// <value>ffmpeg executable (name on PATH or absolute path). Default "ffmpeg".</value>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <value>ffprobe executable. Default "ffprobe".</value>
    [Required]
    public string FfprobePath { get; set; } = "ffprobe";

    /// <value>Threads ffmpeg may use for encoding; 0 = ffmpeg's choice. Default 0.</value>
    [Range(0, 64)]
    public int Threads { get; set; }
}
