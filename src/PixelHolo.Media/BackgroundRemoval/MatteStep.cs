using System.Globalization;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Enrollment step "matte": the person on pure black as matte.mp4 (H.264, source size and frame rate, original
/// sound) and the JPEG frame store frames/000001.jpg … the stage streams from.</summary>
internal sealed class MatteStep(VideoMatter matter, IMatteModel model, IOptions<DisplaySettings> display) : IEnrollmentStep
{
    public const string VideoFile = "matte.mp4";
    public const string FramesFolder = "frames";

    public string Name => "matte";

    public double Weight => 1.0;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MatteSummary summary = await matter.MatteAsync(
            new MatteRequest(context.SourcePath, context.PathOf(VideoFile), context.PathOf(FramesFolder)), progress, cancellationToken);
        context.Artifacts.Add(VideoFile);
        context.Models[model.Id] = model.Licence;
        context.Facts.Frames = new FrameStoreFacts(summary.Frames, summary.FramesPerSecond, FramesFolder);
        // The reflector settings start from the configured defaults; the stage edits them per profile.
        context.Facts.Display = DisplayOverrides.From(display.Value);
        foreach (MatteSpan span in summary.LowConfidence)
        {
            context.Findings.Add($"The matte is uncertain from {Clock(span.StartSeconds)} to {Clock(span.EndSeconds)}: some background may show around " +
                "the person there. A steadier shot or a plainer background behind the person gives a cleaner cut-out.");
        }
        context.Facts.Matte = new MatteFacts(
            summary.Width,
            summary.Height,
            summary.KeyFrames,
            summary.Cuts,
            summary.Shots,
            Math.Round(summary.Confidence, 3),
            Math.Round(summary.MinConfidence, 3),
            [.. summary.LowConfidence.Select(s => new SecondsSpan(Math.Round(s.StartSeconds, 2), Math.Round(s.EndSeconds, 2)))],
            summary.CameraMoving,
            Math.Round(summary.PlateCoverage, 3),
            summary.ExecutionProvider,
            new MatteSeconds(
                Math.Round(summary.AnalysisTime.TotalSeconds, 2),
                Math.Round(summary.ModelTime.TotalSeconds, 2),
                Math.Round(summary.MatteTime.TotalSeconds, 2),
                Math.Round(summary.EncodeTime.TotalSeconds, 2)));
    }

    private static string Clock(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
}
