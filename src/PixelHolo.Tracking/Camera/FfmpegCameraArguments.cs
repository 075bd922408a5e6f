using System.Globalization;

namespace PixelHolo.Tracking.Camera;

/// <summary>The ffmpeg command line for a camera source, as data: a V4L2 device, a network stream or a looped file,
/// all ending in raw RGB24 frames of the configured size on stdout.</summary>
internal static class FfmpegCameraArguments
{
    public static CameraSourceKind KindOf(string source) =>
        source.StartsWith("/dev/", StringComparison.Ordinal) ? CameraSourceKind.Device
        : source.Contains("://", StringComparison.Ordinal) ? CameraSourceKind.Stream
        : CameraSourceKind.File;

    public static IReadOnlyList<string> Build(CameraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string size = string.Create(CultureInfo.InvariantCulture, $"{options.Width}x{options.Height}");
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error" };
        switch (KindOf(options.Source))
        {
            case CameraSourceKind.Device:
                arguments.AddRange(["-f", "v4l2", "-framerate", options.FrameRate.ToString(CultureInfo.InvariantCulture), "-video_size", size]);
                break;
            case CameraSourceKind.Stream:
                if (options.Source.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase)) { arguments.AddRange(["-rtsp_transport", "tcp"]); }
                break;
            default:
                // A file stands in for a camera: real-time pace, looped for ever.
                arguments.AddRange(["-re", "-stream_loop", "-1"]);
                break;
        }
        arguments.AddRange(["-i", options.Source, "-an", "-sn",
            "-vf", string.Create(CultureInfo.InvariantCulture,
                $"scale={options.Width}:{options.Height}:force_original_aspect_ratio=decrease,pad={options.Width}:{options.Height}:(ow-iw)/2:(oh-ih)/2"),
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }
}

internal enum CameraSourceKind
{
    Device,
    Stream,
    File,
}
