using Microsoft.Extensions.Options;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Tests.Ffmpeg;

/// <summary>Real ffmpeg tools with default options.</summary>
internal static class FfmpegTools
{
    public static FfmpegRunner Runner { get; } = new(Options.Create(new FfmpegOptions()));

    public static MediaProbe Probe { get; } = new(Runner);

    public static FfmpegFrameReader Reader { get; } = new(Runner, Probe);
}
