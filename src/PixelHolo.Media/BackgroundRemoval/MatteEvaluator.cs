using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Mattes the whole clip with the fast path (into a temporary file), keeps the mattes of N non-key frames spread over
/// the clip, runs the full model on those frames, and decodes the encoded matte to check that the background is exactly black
/// and how much of the background's colour is left in the edge pixels.</summary>
internal sealed class MatteEvaluator(VideoMatter matter, IMatteModel model, FfmpegFrameReader reader, IOptions<MattingOptions> options) : IMatteEvaluator
{
    public Task<MatteEvaluation> EvaluateAsync(string videoPath, int? frames = null, CancellationToken cancellationToken = default) =>
        EvaluateAsync(videoPath, frames, keepOutputAs: null, cancellationToken);

    /// <param name="keepOutputAs">Where to keep the matte video (with sound); null = a temporary file, deleted.</param>
    /// <param name="at">Frames to compare instead of the evenly spread ones (tests aim at the frames right after each cut).</param>
    internal async Task<MatteEvaluation> EvaluateAsync(string videoPath, int? frames, string? keepOutputAs, CancellationToken cancellationToken, IReadOnlyList<int>? at = null)
    {
        if (frames is { } asked) { ArgumentOutOfRangeException.ThrowIfLessThan(asked, 1, nameof(frames)); }
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-matte-eval-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string output = keepOutputAs ?? Path.Combine(folder, "matte.mp4");
            var chosen = new HashSet<int>();
            var captured = new Dictionary<int, Captured>();
            using MatteModelLease lease = model.Lease();
            MatteSummary summary = await matter.RunAsync(new MatteRequest(videoPath, output, IncludeAudio: keepOutputAs is not null), (frame, fps) =>
            {
                if (frame.Index == 0)
                {
                    int count = frames ?? MatteEvaluation.DefaultFrames(frame.Plan.FrameCount, fps);
                    chosen.UnionWith(at ?? ChooseFrames(frame.Plan.Keys, frame.Plan.FrameCount, count));
                }
                if (!chosen.Contains(frame.Index)) { return; }
                if (frame.IsKey)
                {
                    chosen.Add(frame.Index + 1);   // the matte check made it a key: compare the next frame instead
                    return;
                }
                captured[frame.Index] = new Captured(frame.Source.ToArray(), frame.Alpha.ToArray(), frame.Confidence, frame.Check);
            }, progress: null, cancellationToken);

            var geometry = MatteGeometry.For(summary.Width, summary.Height, options.Value.WorkingSize);
            var truths = new Dictionary<int, float[]>();
            foreach ((int index, Captured item) in captured)
            {
                truths[index] = await model.PredictAsync(item.Source, summary.Width, summary.Height, geometry.WorkWidth, geometry.WorkHeight, cancellationToken);
            }
            var decoded = await CheckOutputAsync(output, summary, geometry, captured, truths, cancellationToken);
            var scores = new List<MatteFrameScore>();
            foreach (int index in captured.Keys.Order())
            {
                (double iou, double mae) = Compare(captured[index].Alpha, truths[index]);
                MatteConfidence? check = captured[index].Check;
                scores.Add(new MatteFrameScore(index, index / summary.FramesPerSecond, iou, mae, decoded.Spill.GetValueOrDefault(index), captured[index].Confidence)
                {
                    ColourDisagreement = check?.Disagreement ?? 0,
                    EdgeDisagreement = check?.EdgeDisagreement ?? 0,
                    StaleBackground = check?.StaleBackground ?? 0,
                });
            }
            double fps = summary.Frames / Math.Max(1e-6, summary.Total.TotalSeconds);
            MatteFrameScore? worst = scores.MinBy(s => s.Iou);
            return new MatteEvaluation(
                scores.Count == 0 ? 1 : scores.Average(s => s.Iou), scores.Count == 0 ? 0 : scores.Average(s => s.AlphaMae),
                decoded.Guarded, decoded.Strict, fps, [.. scores.Select(s => s.Frame)], summary)
            {
                WorstIou = worst?.Iou ?? 1,
                WorstFrame = worst?.Frame ?? -1,
                EdgeSpill = decoded.SpillPixels == 0 ? 0 : decoded.SpillSum / decoded.SpillPixels,
                PerFrame = scores,
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>N frames spread evenly over the clip (centres of N equal parts), each moved to the next frame that is not a key
    /// frame. (Choosing only the midpoints between key frames, the fast path's worst case, gives lower figures: see docs/matting.md.)</summary>
    internal static List<int> ChooseFrames(IReadOnlyList<int> keys, int frames, int count)
    {
        var keySet = new HashSet<int>(keys);
        var chosen = new List<int>();
        for (int j = 0; j < count; j++)
        {
            int i = (int)((j + 0.5) * frames / count);
            while (i < frames && (keySet.Contains(i) || chosen.Contains(i))) { i++; }
            if (i < frames) { chosen.Add(i); }
        }
        return chosen;
    }

    internal static (double Iou, double Mae) Compare(ReadOnlySpan<float> alpha, ReadOnlySpan<float> truth)
    {
        long intersection = 0, union = 0;
        double error = 0;
        for (int i = 0; i < alpha.Length; i++)
        {
            bool a = alpha[i] > 0.5f, t = truth[i] > 0.5f;
            if (a && t) { intersection++; }
            if (a || t) { union++; }
            error += Math.Abs(alpha[i] - truth[i]);
        }
        return (union == 0 ? 1 : intersection / (double)union, error / alpha.Length);
    }

    private async Task<OutputCheck> CheckOutputAsync(
        string output, MatteSummary summary, MatteGeometry geometry, Dictionary<int, Captured> captured, Dictionary<int, float[]> truths, CancellationToken cancellationToken)
    {
        var check = new OutputCheck();
        int width = summary.Width, height = summary.Height;
        var full = new float[width * height];
        var truth = new float[full.Length];
        var near = new float[full.Length];
        var scratch = new float[full.Length];
        var spill = new EdgeSpillMeter(width, height);
        await foreach (VideoFrame frame in reader.ReadAsync(new FrameReadRequest(output), cancellationToken))
        {
            if (!captured.TryGetValue(frame.Index, out Captured? item)) { continue; }
            Upscale(item.Alpha, geometry, full);
            Upscale(truths[frame.Index], geometry, truth);
            ImageOps.Dilate(full, 0f, near, width, height, MatteEvaluation.EdgeGuardPixels, scratch);
            byte[] rgb = frame.Rgb24;
            for (int i = 0; i < full.Length; i++)
            {
                if (full[i] > 0) { continue; }
                bool black = (rgb[i * 3] | rgb[(i * 3) + 1] | rgb[(i * 3) + 2]) == 0;
                check.StrictTotal++;
                if (!black) { check.StrictBad++; }
                if (near[i] > 0) { continue; }
                check.GuardedTotal++;
                if (!black) { check.GuardedBad++; }
            }
            (double sum, long pixels) = spill.Measure(item.Source, rgb, truth);
            check.SpillSum += sum;
            check.SpillPixels += pixels;
            check.Spill[frame.Index] = pixels == 0 ? 0 : sum / pixels;
        }
        return check;
    }

    private static void Upscale(float[] work, MatteGeometry geometry, float[] full)
    {
        if (geometry.Factor == 1) { work.CopyTo(full, 0); }
        else { ImageOps.ResizeBilinear(work, geometry.WorkWidth, geometry.WorkHeight, full, geometry.Width, geometry.Height); }
    }

    private sealed record Captured(byte[] Source, float[] Alpha, double Confidence, MatteConfidence? Check);

    private sealed class OutputCheck
    {
        public long GuardedTotal { get; set; }
        public long GuardedBad { get; set; }
        public long StrictTotal { get; set; }
        public long StrictBad { get; set; }
        public double SpillSum { get; set; }
        public long SpillPixels { get; set; }
        public Dictionary<int, double> Spill { get; } = [];
        public double Guarded => GuardedTotal == 0 ? 0 : GuardedBad / (double)GuardedTotal;
        public double Strict => StrictTotal == 0 ? 0 : StrictBad / (double)StrictTotal;
    }
}
