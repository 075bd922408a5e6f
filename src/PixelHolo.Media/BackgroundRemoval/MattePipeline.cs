using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The fast matte in three passes over the decoded frames: (1) frame signatures → shots and key-frame plan; (2) the full
/// model on the key frames, and between two planned keys whose mattes disagree (the model answered a strand of hair one way, then
/// the other) on the frame halfway, down to 2 frames apart; (3) every frame through <see cref="FrameMatter"/> (per-shot background plates), checked against its
/// own colours — where the propagated matte stops agreeing, the frame gets a key of its own there and then, and when that key
/// and the next one disagree the frames up to it are read ahead and halved the same way (<see cref="LookaheadFrames"/>,
/// ≤ <see cref="MaxLookaheadBytes"/>) — decontaminated, composited on black and handed to the consumer in order. Frames are
/// decoded again for each pass rather than held in memory (a minute of 1080p is ~11 GB). Keys between keys that disagree share
/// one budget on both threads (<see cref="RefineKeyBudget"/>).</summary>
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

        // Pass 1: signatures → shots and key frames, while the model loads on the other core.
        Task loading = everyFrame ? Task.CompletedTask : model.LoadAsync(cancellationToken);
        long started = time.GetTimestamp();
        var signatures = new List<FrameSignature>();
        await foreach (ReadOnlyMemory<byte> frame in openFrames(cancellationToken).WithCancellation(cancellationToken))
        {
            CheckSize(frame, frameBytes, width, height);
            signatures.Add(FrameSignature.From(frame.Span, width, height));
        }
        await loading;
        KeyFramePlan plan = KeyFramePlanner.Plan(signatures, framesPerSecond, options, everyFrame);
        signatures.Clear();
        TimeSpan analysis = time.GetElapsedTime(started);
        LogPlan(logger, plan.FrameCount, plan.Keys.Count, plan.Shots.Count, plan.Shots.Count(s => s.CameraMoving), plan.BorderChange, plan.Motion);

        // Progress weights from typical costs: a model run is worth ~250 frames of the fast path on a CPU.
        double modelWeight = everyFrame ? 1 : 250;
        double totalWork = (plan.Keys.Count * modelWeight) + plan.FrameCount;
        double done = 0;

        // Pass 2 (the model on the planned key frames) runs on its own thread, in frame order, while pass 3 (every frame) follows
        // behind on this one: a frame is matted as soon as every planned key of its shot is in (the shot's keys make its plate
        // and colour model, so the result is the same as running the passes one after the other). On 2 cores the model and the
        // single-threaded per-frame work then overlap instead of taking turns.
        var matter = new FrameMatter(geometry.WorkWidth, geometry.WorkHeight, options);
        foreach (Shot shot in plan.Shots) { matter.AddSegment(shot.Start, staticCamera: !everyFrame && !shot.CameraMoving); }
        var keys = Channel.CreateUnbounded<KeyFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stopKeys = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long modelTicks = 0;
        var waiting = new StrongBox<bool>();   // the per-frame pass waits for keys: the key thread may use its core too
        var refineBudget = new RefineKeyBudget(plan.Keys, options);   // keys between keys that disagree, on both threads
        Task producer = everyFrame
            ? Task.CompletedTask
            : Task.Run(() => ProduceKeysAsync(openFrames, plan, geometry, frameBytes, keys.Writer, waiting, t => Interlocked.Add(ref modelTicks, t), refineBudget, stopKeys.Token), stopKeys.Token);

        started = time.GetTimestamp();
        TimeSpan output = TimeSpan.Zero, extraModel = TimeSpan.Zero, waited = TimeSpan.Zero, everyFrameModel = TimeSpan.Zero;
        var work = new float[geometry.WorkWidth * geometry.WorkHeight];
        var full = geometry.Factor == 1 ? work : new float[width * height];
        var composite = new byte[frameBytes];
        var confidence = new float[plan.FrameCount];
        var changes = new List<int>();
        int keysIn = 0, shotIndex = 0;
        var extraBudget = new ExtraKeyBudget(plan.FrameCount, framesPerSecond, options);
        int gap = Math.Max(1, (int)Math.Round(options.MovingCameraKeyFrameInterval.TotalSeconds * framesPerSecond));
        int index = 0;
        KeyFrame? refineFrom = null;
        try
        {
            await using var frames = new LookaheadFrames(openFrames(cancellationToken), frameBytes, cancellationToken);
            while (await frames.NextAsync() is { } frame)
            {
                CheckSize(frame, frameBytes, width, height);
                if (index >= plan.FrameCount) { break; }   // a decoder that yields more frames on a later pass
                while (plan.Shots[shotIndex].End <= index) { shotIndex++; }
                if (!everyFrame && keysIn < plan.Keys.Count && plan.Keys[keysIn] < plan.Shots[shotIndex].End)
                {
                    long waitStarted = time.GetTimestamp();
                    Volatile.Write(ref waiting.Value, true);
                    while (keysIn < plan.Keys.Count && plan.Keys[keysIn] < plan.Shots[shotIndex].End)
                    {
                        KeyFrame key = await NextKeyAsync(keys.Reader, producer, plan.Keys[keysIn], cancellationToken);
                        matter.AddKey(key);
                        if (key.Index != plan.Keys[keysIn]) { continue; }   // a key between two planned keys that disagreed
                        keysIn++;
                        done += modelWeight;
                    }
                    Volatile.Write(ref waiting.Value, false);
                    waited += time.GetElapsedTime(waitStarted);
                    progress?.Report(Math.Min(1, done / totalWork));
                }
                // At working size already (factor 1) the decoded frame is used as it is: no copy per frame.
                ReadOnlyMemory<byte> small = geometry.Factor == 1 ? frame : ImageOps.DownsampleRgb(frame.Span, width, height, geometry.Factor, out _, out _);
                if (everyFrame)
                {
                    long modelStarted = time.GetTimestamp();
                    matter.AddKey(await KeyFrameAsync(index, frame, geometry, wholeFrame: true, cancellationToken));
                    matter.ForgetKeysBefore(index);
                    everyFrameModel += time.GetElapsedTime(modelStarted);
                }
                MatteConfidence check = matter.Matte(small.Span, index, work);
                if (!everyFrame && check.Value < options.MinConfidence && extraBudget.Allows(index, check.Value) && !matter.IsKey(index)
                    && (matter.KeyBefore(index) is var before && (before < 0 || index - before >= gap)))
                {
                    // The propagated matte no longer fits this frame: it gets a key of its own and starts a new segment.
                    long modelStarted = time.GetTimestamp();
                    KeyFrame key = await KeyFrameAsync(index, frame, geometry, wholeFrame: false, cancellationToken);
                    extraModel += time.GetElapsedTime(modelStarted);
                    bool staticCamera = !plan.Shots[shotIndex].CameraMoving;
                    matter.AddSegment(index, staticCamera);
                    matter.AddKey(key);
                    extraBudget.Spend(key.Cost);
                    if (check.BackgroundChanged) { changes.Add(index); }
                    LogExtraKey(logger, index, check.Value, check.Disagreement, check.EdgeDisagreement, check.StaleBackground);
                    check = matter.Matte(small.Span, index, work);
                    refineFrom = key;
                }
                confidence[index] = (float)check.Value;
                if (geometry.Factor != 1) { ImageOps.ResizeBilinear(work, geometry.WorkWidth, geometry.WorkHeight, full, width, height); }
                MatteCompositor.Composite(frame.Span, full, composite, width, options.Decontaminate ? matter.Background : null, geometry.Factor);
                long outputStarted = time.GetTimestamp();
                await consume(new MatteFrame(index, frame, composite, work, plan, check.Value, matter.IsKey(index), check), cancellationToken);
                output += time.GetElapsedTime(outputStarted);
                if (refineFrom is not null && matter.KeyAfter(index) is { } nextKey && options.MinKeyAgreement > 0
                    && (long)(nextKey.Index - index - 1) * frameBytes <= MaxLookaheadBytes)
                {
                    // A key of the check's own and the next key of its segment that disagree: the frames between are read ahead
                    // and halved like the key thread halves planned keys, before any of them is matted.
                    long modelStarted = time.GetTimestamp();
                    await frames.ReadAheadAsync(nextKey.Index - index - 1);
                    await RefineAheadAsync(refineFrom, nextKey);
                    extraModel += time.GetElapsedTime(modelStarted);
                }
                refineFrom = null;
                index++;
                done += everyFrame ? modelWeight + 1 : 1;
                if (index % 16 == 0) { progress?.Report(Math.Min(1, done / totalWork)); }
            }
            await producer;

            async Task RefineAheadAsync(KeyFrame a, KeyFrame b)
            {
                if (b.Index - a.Index < 2 * MinRefineGap) { return; }
                double agreement = KeyAgreement.Iou(a.Alpha, b.Alpha, geometry.WorkWidth, geometry.WorkHeight);
                LogKeyAgreement(logger, a.Index, b.Index, agreement);
                int middle = (a.Index + b.Index) / 2;
                if (agreement >= options.MinKeyAgreement || !refineBudget.Allows(middle) || middle - index - 1 >= frames.Ahead) { return; }
                KeyFrame key = await KeyFrameAsync(middle, frames.Peek(middle - index - 1), geometry, wholeFrame: false, cancellationToken);
                matter.AddKey(key);
                refineBudget.Spend(key.Cost);
                await RefineAheadAsync(a, key);
                await RefineAheadAsync(key, b);
            }
        }
        finally
        {
            if (!producer.IsCompleted)
            {
                // This pass failed or was cancelled: stop the key thread and wait for it (its own cancellation is expected).
                await stopKeys.CancelAsync();
                await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        progress?.Report(1);

        // Model time: the key thread's runs (overlapping the per-frame pass), the extra keys and, on CUDA, every frame's run;
        // matte time: the per-frame pass less its model runs, its output and its waits for keys.
        TimeSpan modelTime = TimeSpan.FromTicks(Interlocked.Read(ref modelTicks)) + extraModel + everyFrameModel;
        TimeSpan matteTime = time.GetElapsedTime(started) - output - extraModel - everyFrameModel - waited;
        LogOverlap(logger, waited.TotalSeconds, time.GetElapsedTime(started).TotalSeconds);
        var quality = MatteQuality.From(confidence.AsSpan(0, index), framesPerSecond, options.MinConfidence);
        var stats = new MatteRunStats(index, plan, plan.Keys.Count + refineBudget.Count + extraBudget.Count, changes, quality, matter.PlateCoverage, model.ExecutionProvider, analysis, modelTime, matteTime, output);
        LogDone(logger, index, stats.KeyFrames, refineBudget.Count, extraBudget.Count, extraBudget.Spent, extraBudget.Total, stats.Cuts, quality.Mean, quality.Minimum,
            stats.AnalysisTime.TotalSeconds, stats.ModelTime.TotalSeconds, stats.MatteTime.TotalSeconds, stats.OutputTime.TotalSeconds);
        return stats;
    }

    /// <summary>The key thread: a decode of its own, the model on each planned key in order, each key handed over in order as
    /// it is done. One run at a time while the per-frame pass works (it has the other core); two at once while that pass waits
    /// for keys (a single-shot clip waits for all of them), so the model then has every core as with its threads alone.
    /// Stops decoding after the last key. Between two planned keys of a shot it holds the frames that halving their gap could ask
    /// for (7 at most) and, when the two mattes disagree beyond a shift, hands over a key halfway before the later one.</summary>
    private async Task ProduceKeysAsync(
        Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> openFrames, KeyFramePlan plan, MatteGeometry geometry,
        int frameBytes, ChannelWriter<KeyFrame> keys, StrongBox<bool> consumerWaiting, Action<long> addModelTicks, RefineKeyBudget budget,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<int> plannedKeys = plan.Keys;
        var running = new Queue<Task<KeyFrame>>();
        // The frames that halving the gap between two planned keys of a shot could ask for (RefineDepth times over), by the later
        // key: held until both keys are in; where the keys' mattes disagree beyond a shift (KeyAgreement), the middle one goes
        // through the model, and so on down each half.
        var middles = new Dictionary<int, int>();
        if (options.MinKeyAgreement > 0)
        {
            for (int k = 1; k < plannedKeys.Count; k++)
            {
                (int a, int b) = (plannedKeys[k - 1], plannedKeys[k]);
                if (ShotOf(plan, a) == ShotOf(plan, b)) { AddMiddles(a, b, RefineDepth); }

                void AddMiddles(int from, int to, int depth)
                {
                    if (depth == 0 || to - from < 2 * MinRefineGap) { return; }
                    int middle = (from + to) / 2;
                    middles[middle] = b;
                    AddMiddles(from, middle, depth - 1);
                    AddMiddles(middle, to, depth - 1);
                }
            }
        }
        var held = new Dictionary<int, Dictionary<int, byte[]>>();
        KeyFrame? previous = null;
        try
        {
            int index = 0, next = 0;
            if (plannedKeys.Count > 0)
            {
                await foreach (ReadOnlyMemory<byte> frame in openFrames(cancellationToken).WithCancellation(cancellationToken))
                {
                    CheckSize(frame, frameBytes, geometry.Width, geometry.Height);
                    if (middles.TryGetValue(index, out int later))
                    {
                        if (!held.TryGetValue(later, out Dictionary<int, byte[]>? frames)) { held[later] = frames = []; }
                        byte[] copy = ArrayPool<byte>.Shared.Rent(frameBytes);   // pooled: a 720p clip holds ~130 of them over a minute
                        frame.Span.CopyTo(copy);
                        frames[index] = copy;
                    }
                    if (index == plannedKeys[next])
                    {
                        while (running.Count >= (Volatile.Read(ref consumerWaiting.Value) ? MaxKeyRunsWhileWaiting : 1))
                        {
                            await HandOverAsync(await running.Dequeue());
                        }
                        int at = index;
                        running.Enqueue(TimedKeyFrameAsync(at, frame, geometry, addModelTicks, cancellationToken));
                        if (++next == plannedKeys.Count) { break; }
                    }
                    index++;
                }
                while (running.Count > 0) { await HandOverAsync(await running.Dequeue()); }
            }
            keys.Complete();
        }
        catch (Exception ex)
        {
            keys.Complete(ex);   // the reader sees it through NextKeyAsync
            foreach (Task<KeyFrame> run in running) { await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default); }
            throw;
        }

        async Task HandOverAsync(KeyFrame key)
        {
            if (held.Remove(key.Index, out Dictionary<int, byte[]>? frames))
            {
                if (previous is not null) { await RefineAsync(previous, key, frames); }
                foreach (byte[] copy in frames.Values) { ArrayPool<byte>.Shared.Return(copy); }
            }
            await keys.WriteAsync(key, cancellationToken);
            previous = key;
        }

        // Hands over keys strictly between a and b (not b itself), in order.
        async Task RefineAsync(KeyFrame a, KeyFrame b, Dictionary<int, byte[]> frames)
        {
            if (b.Index - a.Index < 2 * MinRefineGap) { return; }
            double agreement = KeyAgreement.Iou(a.Alpha, b.Alpha, geometry.WorkWidth, geometry.WorkHeight);
            LogKeyAgreement(logger, a.Index, b.Index, agreement);
            if (agreement >= options.MinKeyAgreement || !budget.Allows(b.Index)) { return; }
            int middle = (a.Index + b.Index) / 2;
            if (!frames.TryGetValue(middle, out byte[]? frame)) { return; }   // RefineDepth halvings done
            KeyFrame key = await TimedKeyFrameAsync(middle, frame.AsMemory(0, frameBytes), geometry, addModelTicks, cancellationToken);
            budget.Spend(key.Cost);
            await RefineAsync(a, key, frames);
            await keys.WriteAsync(key, cancellationToken);
            await RefineAsync(key, b, frames);
        }
    }

    private static int ShotOf(KeyFramePlan plan, int frame)
    {
        for (int s = 0; s < plan.Shots.Count; s++) { if (frame < plan.Shots[s].End) { return s; } }
        return plan.Shots.Count - 1;
    }

    /// <summary>Fewest frames on either side of a key added between two planned keys that disagree.</summary>
    internal const int MinRefineGap = 2;

    /// <summary>How many times the gap between two planned keys may be halved (7 frames held at most per gap).</summary>
    internal const int RefineDepth = 3;

    /// <summary>Most frame bytes the per-frame pass reads ahead to halve the gap after a key of the matte check's own (~340 frames
    /// at 480², 42 at 1080p); a longer gap is left as it is.</summary>
    internal const long MaxLookaheadBytes = 256L << 20;

    /// <summary>Model runs the key thread starts at once while the per-frame pass waits for keys.</summary>
    internal const int MaxKeyRunsWhileWaiting = 2;

    private async Task<KeyFrame> TimedKeyFrameAsync(int index, ReadOnlyMemory<byte> frame, MatteGeometry geometry, Action<long> addModelTicks, CancellationToken cancellationToken)
    {
        long modelStarted = time.GetTimestamp();
        KeyFrame key = await KeyFrameAsync(index, frame, geometry, wholeFrame: false, cancellationToken);
        addModelTicks(time.GetElapsedTime(modelStarted).Ticks);
        return key;
    }

    /// <summary>The next key from the key thread; its failure (not the channel's wrapper) when it failed.</summary>
    private static async ValueTask<KeyFrame> NextKeyAsync(ChannelReader<KeyFrame> keys, Task producer, int expected, CancellationToken cancellationToken)
    {
        try
        {
            return await keys.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await producer;   // rethrows the key thread's own exception
            throw new InvalidOperationException($"The key-frame decode ended before frame {expected}, a planned key frame; the decoder gave fewer frames than on the first pass.");
        }
    }

    /// <param name="wholeFrame">The reference view without the locating look (every frame a key, on CUDA: one run, not two).</param>
    private async Task<KeyFrame> KeyFrameAsync(int index, ReadOnlyMemory<byte> frame, MatteGeometry geometry, bool wholeFrame, CancellationToken cancellationToken)
    {
        byte[] small = ImageOps.DownsampleRgb(frame.Span, geometry.Width, geometry.Height, geometry.Factor, out _, out _);
        ModelRegion region = wholeFrame ? ModelRegion.Reference(geometry.Width, geometry.Height) : await KeyRegionAsync(frame, geometry, cancellationToken);
        float[] alpha = await model.PredictAsync(frame, geometry.Width, geometry.Height, region, geometry.WorkWidth, geometry.WorkHeight, cancellationToken);
        LogKeyFrame(logger, index, region.InputWidth, region.InputHeight, region.Cost);
        return new KeyFrame(index, small, alpha) { Cost = region.Cost };
    }

    /// <summary>Where the full model looks for a key frame: the person's box (found by a quick look at the whole frame at
    /// <see cref="LocateSide"/> px) grown by a margin, at <see cref="MattingOptions.KeyFrameScale"/> of the reference view's
    /// pixels per source pixel. Cheaper than the reference view by the background it leaves out; the reference view when the
    /// person fills the frame, when no person is found, or with <c>KeyFrameScale</c> 0.</summary>
    private async Task<ModelRegion> KeyRegionAsync(ReadOnlyMemory<byte> frame, MatteGeometry geometry, CancellationToken cancellationToken)
    {
        int width = geometry.Width, height = geometry.Height;
        var reference = ModelRegion.Whole(width, height, options.KeyFrameMaxUpscale);
        if (options.KeyFrameScale <= 0) { return reference; }
        double locateScale = LocateSide / (double)Math.Max(width, height);
        ModelRegion locate = ModelRegion.Around((0, 0, width, height), width, height, locateScale, margin: 0);
        int lw = Math.Max(1, (int)Math.Round(width * locateScale)), lh = Math.Max(1, (int)Math.Round(height * locateScale));
        float[] rough = await model.PredictAsync(frame, width, height, locate, lw, lh, cancellationToken);
        (int X0, int Y0, int X1, int Y1)? box = Box(rough, lw, lh, 0.5f);
        if (box is not { } b) { return reference; }
        double up = width / (double)lw, upY = height / (double)lh;
        var sourceBox = ((int)Math.Floor(b.X0 * up), (int)Math.Floor(b.Y0 * upY), (int)Math.Ceiling(b.X1 * up), (int)Math.Ceiling(b.Y1 * upY));
        ModelRegion region = ModelRegion.Around(sourceBox, width, height, Scale(ModelRegion.ReferenceScale(width, height) * options.KeyFrameScale), KeyFrameMargin);
        return region.Cost >= reference.Cost ? reference : region;
    }

    private double Scale(double scale) => options.KeyFrameMaxUpscale > 0 ? Math.Min(scale, options.KeyFrameMaxUpscale) : scale;

    /// <summary>Bounding box (exclusive end) of the pixels above <paramref name="threshold"/>, or null when there are none.</summary>
    internal static (int X0, int Y0, int X1, int Y1)? Box(ReadOnlySpan<float> alpha, int width, int height, float threshold)
    {
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (alpha[(y * width) + x] <= threshold) { continue; }
                x0 = Math.Min(x0, x);
                x1 = Math.Max(x1, x);
                y0 = Math.Min(y0, y);
                y1 = Math.Max(y1, y);
            }
        }
        return x1 < 0 ? null : (x0, y0, x1 + 1, y1 + 1);
    }

    /// <summary>Longest side of the quick whole-frame look that finds the person for a key frame's crop (6 % of a reference run).</summary>
    internal const int LocateSide = 256;

    /// <summary>Margin around the person's box, as a share of its size: hair and hands the quick look missed, and context for the model.</summary>
    internal const double KeyFrameMargin = 0.12;

    private static void CheckSize(ReadOnlyMemory<byte> frame, int frameBytes, int width, int height)
    {
        if (frame.Length != frameBytes)
        {
            throw new InvalidOperationException($"A decoded frame has {frame.Length} bytes; {width}×{height} RGB24 needs {frameBytes}. The decoder and the probed size disagree.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matte plan: {Frames} frames, {Keys} key frames, {Shots} shots ({MovingShots} with a moving camera, border change up to {BorderChange:F1}), motion {Motion:F0}")]
    private static partial void LogPlan(ILogger logger, int frames, int keys, int shots, int movingShots, double borderChange, double motion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Per-frame pass: waited {WaitedS:F1} s of {PassS:F1} s for the key thread")]
    private static partial void LogOverlap(ILogger logger, double waitedS, double passS);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Key frame {Index} through the model at {InputWidth}×{InputHeight} ({Cost:P0} of a reference run)")]
    private static partial void LogKeyFrame(ILogger logger, int index, int inputWidth, int inputHeight, double cost);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Keys {A} and {B} agree {Agreement:F3} beyond a shift")]
    private static partial void LogKeyAgreement(ILogger logger, int a, int b, double agreement);

    [LoggerMessage(Level = LogLevel.Information, Message = "Frame {Index}: matte confidence {Confidence:F2} (colour disagreement {Disagreement:P0}, on the outline {Edge:P0}, stale background {Stale:P0}), a key of its own")]
    private static partial void LogExtraKey(ILogger logger, int index, double confidence, double disagreement, double edge, double stale);

    [LoggerMessage(Level = LogLevel.Information, Message = "Matted {Frames} frames: {Keys} key frames ({Refined} between keys that disagreed; {Extra} asked for by the matte check, {ExtraCost:F1} of {ExtraBudget:F1} reference runs), {Cuts} shot changes, confidence {Mean:F2} mean, {Min:F2} lowest; analysis {AnalysisS:F1} s, model {ModelS:F1} s, matte {MatteS:F1} s, output {OutputS:F1} s")]
    private static partial void LogDone(ILogger logger, int frames, int keys, int refined, int extra, double extraCost, double extraBudget, int cuts, double mean, double min, double analysisS, double modelS, double matteS, double outputS);
}
