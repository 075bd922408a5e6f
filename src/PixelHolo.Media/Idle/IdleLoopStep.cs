using System.Globalization;
using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Idle;

/// <summary>Enrollment step "idle-loop": the best loop inside a stretch without speech, cross-faded at the loop point, as idle.mp4.</summary>
internal sealed class IdleLoopStep(
    FfmpegFrameReader reader, MediaProbe probe, IdleLoopWriter writer, IOptions<IdleOptions> options, IOptions<MattingOptions> matting) : IEnrollmentStep
{
    public const string FileName = "idle.mp4";

    public string Name => "idle-loop";

    public double Weight => 0.1;

    public async Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string video = context.PathOf(MatteStep.VideoFile);
        IdleOptions o = options.Value;
        VideoStreamInfo info = (await probe.ProbeAsync(video, cancellationToken)).Video!;
        var thumbnails = new List<byte[]>();
        (int w, int h) = StillSelector.AnalysisGeometry(info);
        await foreach (VideoFrame frame in reader.ReadAsync(new FrameReadRequest(video, w, h, o.SamplesPerSecond), cancellationToken))
        {
            thumbnails.Add(MotionThumbnail.From(frame.Rgb24, frame.Width, frame.Height));
        }
        progress.Report(0.3);
        SpeechTimeline speech = SpeechTimeline.From(context.Facts.Speech);
        LoopChoice loop = LoopPointFinder.Find(thumbnails, o.SamplesPerSecond, speech, o);
        double fps = info.FramesPerSecond;
        int start = (int)Math.Round(loop.Start / o.SamplesPerSecond * fps);
        int end = (int)Math.Round(loop.End / o.SamplesPerSecond * fps);
        int fade = (int)Math.Round(o.CrossFade.TotalSeconds * fps);
        int frames = await writer.WriteAsync(video, info.DisplayWidth, info.DisplayHeight, fps, start, end, fade,
            VideoMatter.H264Options(matting.Value), context.PathOf(FileName), cancellationToken);
        context.Artifacts.Add(FileName);
        if (!loop.InsideIdle || !speech.Checked)
        {
            context.Findings.Add(speech.Checked
                ? string.Create(CultureInfo.InvariantCulture, $"No pause of {o.MinLoop.TotalSeconds:0.#} s or more without speech was found, so the idle loop shows the person mid-speech. A clip with a few seconds of listening silence gives a calmer idle loop.")
                : "Speech was not checked (no voice activity detector ran), so the idle loop was chosen from the whole clip and may show the person talking.");
        }
        context.Facts.IdleLoop = new IdleLoopFacts(start + 1, end, frames, Math.Round(frames / fps, 2), Math.Round(loop.Jump, 2), fade, loop.InsideIdle,
            [.. loop.IdleSegments.Select(s => new SecondsSpan(Math.Round(s.Start.TotalSeconds, 2), Math.Round(s.End.TotalSeconds, 2)))]);
        progress.Report(1);
    }
}
