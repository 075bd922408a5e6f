using PixelHolo.Core.Enrollment;
using PixelHolo.Core.Speech;

namespace PixelHolo.Media.Enrollment;

/// <summary>Chooses the clean speech of the clip (voice activity + SNR) as the voice reference and transcribes it
/// (voice/reference.wav + voice/reference.txt). Too little clean speech is a finding, not a failure: the profile still works.</summary>
internal sealed class VoiceReferenceStep(IVoiceReferenceBuilder builder) : IEnrollmentStep
{
    public string Name => "voice";

    public double Weight => 0.3;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        VoiceReferenceResult result = await builder.BuildAsync(context.PathOf(ExtractAudioStep.FileName), context.StagingFolder, cancellationToken);
        if (result.Reference is not null)
        {
            context.Artifacts.Add("voice/reference.wav");
            context.Artifacts.Add("voice/reference.txt");
        }
        if (result.Warning is { } warning) { context.Findings.Add(warning); }
        context.Models["silero-vad"] = "MIT (Silero)";
        context.Models["pocketsphinx-en-us"] = "BSD-2-Clause";
        context.Facts["voice"] = new
        {
            totalSpeechSeconds = Math.Round(result.TotalSpeech.TotalSeconds, 2),
            cleanSpeechSeconds = Math.Round(result.CleanSpeech.TotalSeconds, 2),
            referenceSeconds = Math.Round(result.ReferenceDuration.TotalSeconds, 2),
            segments = result.Segments.Count,
            noiseFloorDb = Math.Round(result.NoiseFloorDb, 1),
        };
        progress.Report(1);
    }
}
