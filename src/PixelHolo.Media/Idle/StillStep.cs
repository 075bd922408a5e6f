using System.Globalization;
using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Idle;

/// <summary>Enrollment step "still": the best frame of the matte (mouth closed, eyes open, facing the camera) as still.jpg.</summary>
internal sealed class StillStep(StillSelector selector, MediaProbe probe, FfmpegRunner ffmpeg, IOptions<IdleOptions> options) : IEnrollmentStep
{
    public const string FileName = "still.jpg";

    public string Name => "still";

    public double Weight => 0.05;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string video = context.PathOf(MatteStep.VideoFile);
        MediaInfo media = await probe.ProbeAsync(video, cancellationToken);
        SpeechTimeline speech = SpeechTimeline.From(context.Facts.Speech);
        StillChoice still = await selector.ChooseAsync(video, media.Video!, speech, options.Value, cancellationToken);
        string jpeg = Path.Combine(context.PathOf(MatteStep.FramesFolder), (still.FrameIndex + 1).ToString("000000", CultureInfo.InvariantCulture) + ".jpg");
        if (File.Exists(jpeg))
        {
            File.Copy(jpeg, context.PathOf(FileName), overwrite: true);
        }
        else
        {
            await ffmpeg.RunFfmpegAsync(
                ["-ss", still.Time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", "-q:v", "2", context.PathOf(FileName)],
                cancellationToken);
        }
        context.Artifacts.Add(FileName);
        context.Facts.Still = new StillFacts(still.FrameIndex + 1, "mouth closed, eyes open, facing the camera")
        {
            Seconds = Math.Round(still.Time.TotalSeconds, 2),
            Score = Math.Round(still.Score, 3),
            Facing = Math.Round(still.Facing, 3),
            MouthChange = Math.Round(still.MouthChange, 2),
            EyeChange = Math.Round(still.EyeChange, 2),
            DuringSpeech = still.DuringSpeech,
        };
        progress.Report(1);
    }
}
