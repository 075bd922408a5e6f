namespace PixelHolo.Media.Enrollment;

/// <summary>The skeleton's still: the first frame of the frame store, copied to still.jpg.</summary>
internal sealed class FirstFrameStillStep : IEnrollmentStep
{
    public const string FileName = "still.jpg";

    public string Name => "still";

    public double Weight => 0.005;

    public Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        string first = Path.Combine(context.PathOf(FootageStep.FramesFolder), "000001.jpg");
        if (!File.Exists(first))
        {
            throw new InvalidOperationException($"No frame was extracted from '{context.OriginalFileName}', so there is no still to show.");
        }
        File.Copy(first, context.PathOf(FileName), overwrite: true);
        context.Artifacts.Add(FileName);
        context.Facts.Still = new StillFacts(1, "first frame");
        progress.Report(1);
        return Task.CompletedTask;
    }
}
