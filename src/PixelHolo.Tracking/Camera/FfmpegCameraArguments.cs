using System.Globalization;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Tracking.Camera;

/// <summary>What the shared ffmpeg frame reader is asked for a camera source, as data: a V4L2 device, a network stream
/// or a looped file, all ending in RGB24 frames of the configured size (aspect kept, black bars).</summary>
internal static class FfmpegCameraArguments
{
    public static CameraSourceKind KindOf(string source) =>
        source.StartsWith("/dev/", StringComparison.Ordinal) ? CameraSourceKind.Device
        : source.Contains("://", StringComparison.Ordinal) ? CameraSourceKind.Stream
        : CameraSourceKind.File;

    public static FrameReadRequest Build(CameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string size = string.Create(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height}");
        CameraSourceKind kind = KindOf(options.Source);
        IReadOnlyList<string> inputOptions = kind switch
        {
            CameraSourceKind.Device => ["-f", "v4l2", "-framerate", options.FrameRate.ToString(CultureInfo.InvariantCulture), "-video_size", size],
            CameraSourceKind.Stream when options.Source.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) => ["-rtsp_transport", "tcp"],
            CameraSourceKind.Stream => [],
            _ => ["-re"], // a file stands in for a camera: real-time pace (and looped, below)
        };
        return new FrameReadRequest(
            options.Source,
            options.Width,
            options.Height,
            options.FrameRate,
            Loop: kind == CameraSourceKind.File,
            InputOptions: inputOptions,
            Filter: string.Create(CultureInfo.InvariantCulture,
                $"scale={options.Width}:{options.Height}:force_original_aspect_ratio=decrease,pad={options.Width}:{options.Height}:(ow-iw)/2:(oh-ih)/2"));
    }
}

internal enum CameraSourceKind
{
    Device,
    Stream,
    File,
}
