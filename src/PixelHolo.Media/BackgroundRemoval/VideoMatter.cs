using System.Globalization;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Runs <see cref="MattePipeline"/> over ffmpeg-decoded frames and encodes the result with the shared frame writer.</summary>
internal sealed partial class VideoMatter(
    IMatteModel model,
    IOptions<MattingOptions> options,
    FfmpegRunner ffmpeg,
    MediaProbe probe,
    FfmpegFrameReader reader,
    TimeProvider time,
    ILogger<VideoMatter> logger) : IVideoMatter
{
    public Task<MatteSummary> MatteAsync(MatteRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(request, observe: null, progress, cancellationToken);

    /// <param name="observe">Sees every matted frame (and the frame rate) before it is encoded (the evaluator uses it).</param>
    internal async Task<MatteSummary> RunAsync(
        MatteRequest request, Action<MatteFrame, double>? observe, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        MediaInfo media = await probe.ProbeAsync(request.SourcePath, cancellationToken);
        VideoStreamInfo video = media.Video
            ?? throw new MediaToolException("ffmpeg", $"'{Path.GetFileName(request.SourcePath)}' has no video stream ({media.Describe()}); there is no person to cut out.");
        // H.264 4:2:0 needs even sizes; a constant rate normalises variable-frame-rate phone clips.
        int width = video.DisplayWidth & ~1, height = video.DisplayHeight & ~1;
        double fps = video.FramesPerSecond is > 0 and var f ? f : 25;
        var read = new FrameReadRequest(request.SourcePath, width, height, fps);

        MattingOptions o = options.Value;
        string? audio = request.IncludeAudio && media.Audio is not null ? request.SourcePath : null;
        IReadOnlyList<string> encoder = H264Options(o);
        using MatteModelLease lease = model.Lease();   // loaded for this job, released after it
        var pipeline = new MattePipeline(model, o, time, logger);
        MatteRunStats stats;
        await using (var writer = new FfmpegFrameWriter(ffmpeg, new FrameWriteRequest(request.OutputPath, width, height, fps, audio, encoder)))
        {
            stats = await pipeline.RunAsync(
                ct => Frames(read, ct), width, height, fps,
                async (frame, ct) =>
                {
                    observe?.Invoke(frame, fps);
                    await writer.WriteAsync(frame.Output, ct);
                },
                progress is null ? null : new ScaledProgress(progress, 0.97),
                cancellationToken);
            long closing = time.GetTimestamp();
            await writer.CompleteAsync(cancellationToken);
            stats = stats with { OutputTime = stats.OutputTime + time.GetElapsedTime(closing) };
        }
        TimeSpan encode = stats.OutputTime;
        if (request.FramesFolder is { } folder)
        {
            long started = time.GetTimestamp();
            await WriteJpegFramesAsync(request.OutputPath, folder, o.JpegQuality, cancellationToken);
            encode += time.GetElapsedTime(started);
        }
        progress?.Report(1);
        var summary = new MatteSummary(stats.Frames, width, height, fps, stats.KeyFrames, stats.Plan.CameraMoving, stats.PlateKnownFraction,
            stats.ExecutionProvider, stats.AnalysisTime, stats.ModelTime, stats.MatteTime, encode)
        {
            Cuts = stats.Cuts,
            Shots = stats.Plan.Shots.Count,
            Confidence = stats.Quality.Mean,
            MinConfidence = stats.Quality.Minimum,
            LowConfidence = stats.Quality.LowSpans,
        };
        LogSummary(logger, Path.GetFileName(request.SourcePath), summary.Frames, summary.KeyFrames, summary.Total.TotalSeconds);
        return summary;
    }

    /// <summary>The shared writer's encoder settings (limited-range BT.601, so RGB 0 → Y 16 → RGB 0) with our quality, plus
    /// "super-black": pure black is written as Y 0, below the limited range's floor of 16. Decoders clip everything under 16 to
    /// RGB 0, so the compression noise and the 4:2:0 colour bleed next to the person (measured on cut_5s.mp4: 0.8 % of the
    /// background 2 px or more from the person was RGB 1..13 with plain Y 16) stay exactly black — unless the noise passes
    /// those 16 levels, which the x264 settings in <see cref="BlackEdgeParameters"/> keep from happening.</summary>
    internal static IReadOnlyList<string> H264Options(MattingOptions options)
    {
        var list = FfmpegFrameWriter.DefaultH264Options.ToList();
        list[list.IndexOf("-preset") + 1] = options.Preset;
        list[list.IndexOf("-crf") + 1] = options.Crf.ToString(CultureInfo.InvariantCulture);
        list.InsertRange(0, ["-vf", SuperBlackFilter]);
        list.InsertRange(list.IndexOf("-crf") + 2, ["-x264-params", BlackEdgeParameters]);
        return list;
    }

    internal const string SuperBlackFilter = @"format=yuv420p,lutyuv=y=if(lte(val\,16)\,0\,val)";

    /// <summary>Ringing next to a bright edge can still lift a black pixel 3–5 px from the person past Y 16 (65 such pixels in
    /// the 101 s loop's 3027 frames at x264's defaults, CRF 18). Adaptive quantisation mode 3 spends more bits on dark blocks
    /// (ours are the edge blocks, half black), and a small dead zone keeps the small high-frequency coefficients whose loss is
    /// the ringing: with CRF 16 that leaves 1 such pixel (docs/matting.md, "Exactly black after encoding").</summary>
    internal const string BlackEdgeParameters = "aq-mode=3:deadzone-inter=6:deadzone-intra=6";

    /// <summary>The stage's JPEG store, cut from the encoded matte so both show exactly the same picture. The range conversion
    /// (limited → full) maps Y 16 to 0, so black stays 0.</summary>
    private async Task WriteJpegFramesAsync(string video, string folder, int quality, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await ffmpeg.RunFfmpegAsync(
        [
            "-i", video, "-map", "0:v:0", "-an", "-q:v", quality.ToString(CultureInfo.InvariantCulture),
            "-start_number", "1", Path.Combine(folder, "%06d.jpg"),
        ], cancellationToken);
    }

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(FrameReadRequest read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (VideoFrame frame in reader.ReadAsync(read, cancellationToken)) { yield return frame.Rgb24; }
    }

    /// <summary>Reports synchronously, in order (<see cref="Progress{T}"/> posts to the thread pool and may reorder).</summary>
    private sealed class ScaledProgress(IProgress<double> inner, double scale) : IProgress<double>
    {
        public void Report(double value) => inner.Report(value * scale);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matte of {File}: {Frames} frames, {KeyFrames} through the model, {Seconds:F1} s")]
    private static partial void LogSummary(ILogger logger, string file, int frames, int keyFrames, double seconds);
}
