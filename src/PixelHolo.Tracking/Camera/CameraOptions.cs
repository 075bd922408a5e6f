using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Tracking.Camera;

/// <summary>The camera that watches the visitor.</summary>
public sealed class CameraOptions
{
    public const string SectionName = "Tracking:Camera";

    /// <value>A V4L2 device (/dev/video0), an rtsp:// or http(s):// stream, or a video file (played in a loop at its
    /// own speed, for demos and tests). Default /dev/video0. Env: PIXELHOLO_Tracking__Camera__Source.</value>
    [Required]
    public string Source { get; set; } = "/dev/video0";

    /// <value>Frame width handed to the detector; other sizes are scaled to fit (keeping the aspect ratio, black bars).
    /// Default 640, 64 to 3840.</value>
    [Range(64, 3840)]
    public int Width { get; set; } = 640;

    /// <value>Frame height. Default 480, 64 to 2160.</value>
    [Range(64, 2160)]
    public int Height { get; set; } = 480;

    /// <value>Frames per second asked of a V4L2 camera. Default 30, 1 to 120.</value>
    [Range(1, 120)]
    public int FrameRate { get; set; } = 30;
}
