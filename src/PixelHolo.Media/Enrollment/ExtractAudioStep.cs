using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Enrollment;

/// <summary>Extracts the sound track as 16 kHz mono PCM (audio.wav), what voice activity and speech-to-text read, and at
/// 24 kHz (audio-24k.wav), what the voice reference for cloning is cut from — one ffmpeg run, two outputs.</summary>
internal sealed class ExtractAudioStep(FfmpegRunner ffmpeg) : IEnrollmentStep
{
    public const string FileName = "audio.wav";
    public const string FileName24k = "audio-24k.wav";

    public string Name => "audio";

    public double Weight => 0.02;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        await ffmpeg.RunFfmpegAsync(
            ["-i", context.SourcePath, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", context.PathOf(FileName),
             "-vn", "-ac", "1", "-ar", "24000", "-c:a", "pcm_s16le", context.PathOf(FileName24k)], cancellationToken);
        context.Artifacts.Add(FileName);
        context.Artifacts.Add(FileName24k);
        progress.Report(1);
    }
}
