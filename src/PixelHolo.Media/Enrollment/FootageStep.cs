using System.Globalization;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Enrollment;

/// <summary>Normalises the picture: rotation applied, constant frame rate, H.264 footage.mp4 without sound (what the
/// loop renderer plays), and the JPEG frame store frames/000001.jpg … the stage streams from.</summary>
internal sealed class FootageStep(FfmpegRunner ffmpeg) : IEnrollmentStep
{
    public const string FootageFile = "footage.mp4";
    public const string FramesFolder = "frames";

    public string Name => "frames";

    public double Weight => 0.25;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        double fps = context.Media?.Video?.FramesPerSecond is > 0 and var f ? f : 25;
        string rate = fps.ToString("0.###", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(context.PathOf(FramesFolder));
        // One decode, two outputs: the normalised clip and the JPEG frames (ffmpeg rotates by metadata on its own).
        await ffmpeg.RunFfmpegAsync(
        [
            "-i", context.SourcePath,
            "-map", "0:v:0", "-an", "-vf", $"fps={rate},format=yuv420p", .. FfmpegFrameWriter.DefaultH264Options, context.PathOf(FootageFile),
            "-map", "0:v:0", "-an", "-vf", $"fps={rate}", "-q:v", "3", "-start_number", "1", Path.Combine(context.PathOf(FramesFolder), "%06d.jpg"),
        ], cancellationToken);
        context.Artifacts.Add(FootageFile);
        context.Facts.Frames = new FrameStoreFacts(Directory.GetFiles(context.PathOf(FramesFolder), "*.jpg").Length, fps);
        progress.Report(1);
    }
}
