using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Enrollment;

/// <summary>Probes the upload again inside the job (the file may have come from the CLI) and records the findings.</summary>
internal sealed class ValidateStep(UploadValidator validator) : IEnrollmentStep
{
    public string Name => "validate";

    public double Weight => 0.01;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var (media, warnings) = await validator.ValidateAsync(context.SourcePath, context.OriginalFileName, cancellationToken);
        context.Media = media;
        context.Findings.AddRange(warnings);
        context.Facts.Source = new SourceFacts(media.FormatName, Math.Round(media.Duration.TotalSeconds, 3), media.Video, media.Audio);
        progress.Report(1);
    }
}
