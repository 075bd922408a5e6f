using Microsoft.Extensions.Logging;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The fast matte in three passes over the decoded frames: (1) motion thumbnails → key-frame plan; (2) the full model on
/// the key frames → background plate; (3) every frame through <see cref="FrameMatter"/>, composited on black and handed to the
/// consumer in order. Frames are decoded again for each pass rather than held in memory (a minute of 1080p is ~11 GB).</summary>
internal sealed partial class MattePipeline(IMatteModel model, MattingOptions options, TimeProvider time, ILogger logger)
{
    /// <param name="openFrames">Opens a fresh decode of the video; each item is one RGB24 frame of <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="consume">Receives every matted frame in order.</param>
    public async Task<MatteRunStats> RunAsync(
        Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> openFrames,
        int width,
        int height,
        double framesPerSecond,
        Func<MatteFrame, CancellationToken, ValueTask> consume,
        IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openFrames);
        ArgumentNullException.ThrowIfNull(consume);
        var geometry = MatteGeometry.For(width, height, options.WorkingSize);
        int frameBytes = width * height * 3;
        bool everyFrame = options.Mode == "everyframe" || (options.Mode == "auto" && model.ExecutionProvider == "CUDA");

        // Pass 1: thumbnails.
        long started = time.GetTimestamp();
        var thumbnails = new List<byte[]>();
        await foreach (ReadOnlyMemory<byte> frame in openFrames(cancellationToken).WithCancellation(cancellationToken))
        {
            CheckSize(frame, frameBytes, width, height);
            thumbnails.Add(MotionThumbnail.From(frame.Span, width, height));
        }
        KeyFramePlan plan = KeyFramePlanner.Plan(thumbnails, framesPerSecond, options, everyFrame);
        TimeSpan analysis = time.GetElapsedTime(started);
        LogPlan(logger, thumbnails.Count, plan.Keys.Count, plan.CameraMoving, plan.BorderChange, plan.Cuts.Count);

        // Progress weights from typical costs: a model run is worth ~250 frames of the fast path on a CPU.
        double modelWeight = everyFrame ? 1 : 250;
        double totalWork = (plan.Keys.Count * modelWeight) + thumbnails.Count;
        double done = 0;

        // Pass 2: the model on key frames.
        started = time.GetTimestamp();
        var keys = new List<KeyFrame>(plan.Keys.Count);
        var keySet = new HashSet<int>(plan.Keys);
        int index = 0;
        if (!everyFrame)
        {
            await foreach (ReadOnlyMemory<byte> frame in openFrames(cancellationToken).WithCancellation(cancellationToken))
            {
                if (keySet.Contains(index))
                {
                    keys.Add(await KeyFrameAsync(index, frame, geometry, cancellationToken));
                    done += modelWeight;
                    progress?.Report(done / totalWork);
                }
                index++;
            }
        }
        TimeSpan modelTime = time.GetElapsedTime(started);
        BackgroundPlate? plate = everyFrame || plan.CameraMoving || keys.Count == 0
            ? null
            : BackgroundPlate.Build(keys, geometry.WorkWidth, geometry.WorkHeight, safetyRadius: Math.Max(2, Math.Min(geometry.WorkWidth, geometry.WorkHeight) / 100));

        // Pass 3: every frame.
        started = time.GetTimestamp();
        TimeSpan output = TimeSpan.Zero;
        var work = new float[geometry.WorkWidth * geometry.WorkHeight];
        var full = geometry.Factor == 1 ? work : new float[width * height];
        var composite = new byte[frameBytes];
        // CUDA: the model on every frame. The matter then sees one key (this frame) and only refines and smooths it.
        var current = everyFrame ? new List<KeyFrame> { new(-1, [], work) } : keys;
        var matter = new FrameMatter(geometry.WorkWidth, geometry.WorkHeight, current, plate, options);
        index = 0;
        await foreach (ReadOnlyMemory<byte> frame in openFrames(cancellationToken).WithCancellation(cancellationToken))
        {
            CheckSize(frame, frameBytes, width, height);
            byte[] small = ImageOps.DownsampleRgb(frame.Span, width, height, geometry.Factor, out _, out _);
            if (everyFrame)
            {
                long modelStarted = time.GetTimestamp();
                current[0] = await KeyFrameAsync(index, frame, geometry, cancellationToken);
                modelTime += time.GetElapsedTime(modelStarted);
            }
            matter.Matte(small, index, work);
            if (geometry.Factor != 1) { ImageOps.ResizeBilinear(work, geometry.WorkWidth, geometry.WorkHeight, full, width, height); }
            MatteCompositor.Composite(frame.Span, full, composite);
            long outputStarted = time.GetTimestamp();
            await consume(new MatteFrame(index, frame, composite, work, plan, double.NaN), cancellationToken);
            output += time.GetElapsedTime(outputStarted);
            index++;
            done += everyFrame ? modelWeight + 1 : 1;
            if (index % 16 == 0) { progress?.Report(Math.Min(1, done / totalWork)); }
        }
        progress?.Report(1);
        TimeSpan matteTime = time.GetElapsedTime(started) - output - (everyFrame ? modelTime : TimeSpan.Zero);
        var stats = new MatteRunStats(index, plan, plate?.KnownFraction ?? 0, model.ExecutionProvider, analysis, modelTime, matteTime, output);
        LogDone(logger, index, stats.AnalysisTime.TotalSeconds, stats.ModelTime.TotalSeconds, stats.MatteTime.TotalSeconds, stats.OutputTime.TotalSeconds);
        return stats;
    }

    private async Task<KeyFrame> KeyFrameAsync(int index, ReadOnlyMemory<byte> frame, MatteGeometry geometry, CancellationToken cancellationToken)
    {
        byte[] small = ImageOps.DownsampleRgb(frame.Span, geometry.Width, geometry.Height, geometry.Factor, out _, out _);
        float[] alpha = await model.PredictAsync(frame, geometry.Width, geometry.Height, geometry.WorkWidth, geometry.WorkHeight, cancellationToken);
        LogKeyFrame(logger, index);
        return new KeyFrame(index, small, alpha);
    }

    private static void CheckSize(ReadOnlyMemory<byte> frame, int frameBytes, int width, int height)
    {
        if (frame.Length != frameBytes)
        {
            throw new InvalidOperationException($"A decoded frame has {frame.Length} bytes; {width}×{height} RGB24 needs {frameBytes}. The decoder and the probed size disagree.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matte plan: {Frames} frames, {Keys} key frames, camera moving {Moving} (border change {BorderChange:F1}), {Cuts} cuts")]
    private static partial void LogPlan(ILogger logger, int frames, int keys, bool moving, double borderChange, int cuts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Key frame {Index} through the model")]
    private static partial void LogKeyFrame(ILogger logger, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Matted {Frames} frames: analysis {AnalysisS:F1} s, model {ModelS:F1} s, matte {MatteS:F1} s, output {OutputS:F1} s")]
    private static partial void LogDone(ILogger logger, int frames, double analysisS, double modelS, double matteS, double outputS);
}
