using PixelHolo.Core.Speech;

namespace PixelHolo.Media.Enrollment;

/// <summary>Chooses the clean speech of the clip (voice activity + SNR) as the voice reference and transcribes it with the
/// best recogniser present (voice/reference.wav at 16 kHz, voice/reference-24k.wav for Pocket TTS and Chatterbox,
/// voice/reference.txt). Too little clean speech (under 10 s) is a finding, not a failure: the profile still works.</summary>
internal sealed class VoiceReferenceStep(IVoiceReferenceBuilder builder) : IEnrollmentStep
{
    public string Name => "voice";

    public double Weight => 0.3;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        // The 24 kHz track when the extract step made it (full band for the cloning reference), else the 16 kHz one.
        string source = File.Exists(context.PathOf(ExtractAudioStep.FileName24k)) ? context.PathOf(ExtractAudioStep.FileName24k) : context.PathOf(ExtractAudioStep.FileName);
        VoiceReferenceResult result = await builder.BuildAsync(source, context.StagingFolder, cancellationToken);
        if (result.Reference is not null)
        {
            context.Artifacts.Add("voice/reference.wav");
            if (result.Reference.Wav24kPath is not null) { context.Artifacts.Add("voice/reference-24k.wav"); }
            context.Artifacts.Add("voice/reference.txt");
        }
        if (result.Warning is { } warning) { context.Findings.Add(warning); }
        context.Models["silero-vad"] = "MIT (Silero)";
        if (result.TranscriptEngine is "pocketsphinx" or null) { context.Models["pocketsphinx-en-us"] = "BSD-2-Clause"; }
        else if (result.TranscriptEngine == "parakeet") { context.Models["stt-parakeet"] = "CC-BY-4.0 (NVIDIA)"; }
        else if (result.TranscriptEngine == "moonshine") { context.Models["stt-moonshine"] = "MIT (Useful Sensors)"; }
        else if (result.TranscriptEngine == "whisper") { context.Models["stt-whisper"] = "MIT (OpenAI)"; }
        context.Facts.Voice = new VoiceFacts(
            Math.Round(result.TotalSpeech.TotalSeconds, 2),
            Math.Round(result.CleanSpeech.TotalSeconds, 2),
            Math.Round(result.ReferenceDuration.TotalSeconds, 2),
            result.Segments.Count,
            Math.Round(result.NoiseFloorDb, 1),
            result.Reference?.Wav24kPath is null ? [16_000] : [16_000, 24_000],
            result.SourceRateHz,
            result.TranscriptEngine,
            EnoughCleanSpeech: result.Warning is null);
        progress.Report(1);
    }
}
