using PixelHolo.Core.Media;
using PixelHolo.Inference.Models;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Idle;

namespace PixelHolo.Media.Validation;

/// <summary>Enrollment step "content": one face, large enough, and enough speech (<see cref="FaceAndSpeechCheck"/>). Shares the
/// speech timeline with the still and idle-loop steps through <c>Facts.Speech</c>.</summary>
internal sealed class ContentCheckStep(FaceAndSpeechCheck check, MediaProbe probe, ModelCatalog models) : IEnrollmentStep
{
    public string Name => "content";

    public double Weight => 0.03;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MediaInfo media = context.Media ?? await probe.ProbeAsync(context.SourcePath, cancellationToken);
        ContentCheckResult result = await check.CheckAsync(context.SourcePath, context.OriginalFileName, media, cancellationToken);
        context.Findings.AddRange(result.Warnings);
        context.Facts.Speech = new SpeechTimeline(result.SpeechChecked, result.Speech).ToFacts();
        context.Facts.Content = new ContentFacts(
            Math.Round(result.OneFaceFraction, 3), Math.Round(result.MedianFaceHeightFraction, 3), Math.Round(result.SpeechTotal.TotalSeconds, 2));
        ModelDescriptor face = models.Get("blazeface-front");
        context.Models[face.Id] = face.Licence;
        if (result.SpeechChecked)
        {
            ModelDescriptor vad = models.Get("silero-vad");
            context.Models[vad.Id] = vad.Licence;
        }
        progress.Report(1);
    }
}
