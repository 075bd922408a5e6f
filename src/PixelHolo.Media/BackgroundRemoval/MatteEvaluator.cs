using Microsoft.Extensions.Options;
using PixelHolo.Core.Media;
using PixelHolo.Media.Ffmpeg;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Mattes the whole clip with the fast path (into a temporary file), keeps the mattes of N non-key frames spread over the clip, runs the full model on those frames, and decodes the encoded matte to check that the background is exactly black.</summary>
internal sealed class MatteEvaluator(VideoMatter matter, IMatteModel model, FfmpegFrameReader reader, IOptions<MattingOptions> options) : IMatteEvaluator
{
    public Task<MatteEvaluation> EvaluateAsync(string videoPath, int frames, CancellationToken cancellationToken = default) =>
        EvaluateAsync(videoPath, frames, keepOutputAs: null, cancellationToken);

    /// <param name="keepOutputAs">Where to keep the matte video (with sound); null = a temporary file, deleted.</param>
    internal async Task<MatteEvaluation> EvaluateAsync(string videoPath, int frames, string? keepOutputAs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-matte-eval-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string output = keepOutputAs ?? Path.Combine(folder, "matte.mp4");
            var chosen = new List<int>();
            var captured = new Dictionary<int, (byte[] Source, float[] Alpha)>();
            MatteSummary summary = await matter.RunAsync(new MatteRequest(videoPath, output, IncludeAudio: keepOutputAs is not null), frame =>
            {
                if (frame.Index == 0) { chosen.AddRange(ChooseFrames(frame.Plan.Keys, frames)); }
                if (chosen.Contains(frame.Index)) { captured[frame.Index] = (frame.Source.ToArray(), frame.Alpha.ToArray()); }
            }, progress: null, cancellationToken);

            var geometry = MatteGeometry.For(summary.Width, summary.Height, options.Value.WorkingSize);
            int workWidth = geometry.WorkWidth, workHeight = geometry.WorkHeight;
            double iou = 0, mae = 0;
            foreach ((int index, (byte[] source, float[] alpha)) in captured)
            {
                float[] truth = await model.PredictAsync(source, summary.Width, summary.Height, workWidth, workHeight, cancellationToken);
                (double i, double m) = Compare(alpha, truth);
                iou += i;
                mae += m;
            }
            int count = Math.Max(1, captured.Count);
            (double guarded, double strict) = await NonBlackAsync(output, summary, captured, workWidth, workHeight, cancellationToken);
            double fps = summary.Frames / Math.Max(1e-6, summary.Total.TotalSeconds);
            return new MatteEvaluation(iou / count, mae / count, guarded, strict, fps, [.. captured.Keys.Order()], summary);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>N frames spread evenly over the clip (centres of N equal parts), each moved to the next frame that is not a key
    /// frame. (Choosing only the midpoints between key frames, the fast path's worst case, gives lower figures: see docs/matting.md.)</summary>
    internal static List<int> ChooseFrames(IReadOnlyList<int> keys, int count)
    {
        var keySet = new HashSet<int>(keys);
        int frames = keys.Count == 0 ? 0 : keys[^1] + 1;
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

    private async Task<(double Guarded, double Strict)> NonBlackAsync(
        string output, MatteSummary summary, Dictionary<int, (byte[] Source, float[] Alpha)> captured, int workWidth, int workHeight, CancellationToken cancellationToken)
    {
        long guardedTotal = 0, guardedBad = 0, strictTotal = 0, strictBad = 0;
        var full = new float[summary.Width * summary.Height];
        var near = new float[full.Length];
        var scratch = new float[full.Length];
        await foreach (VideoFrame frame in reader.ReadAsync(new FrameReadRequest(output), cancellationToken))
        {
            if (!captured.TryGetValue(frame.Index, out var item)) { continue; }
            if (workWidth == summary.Width && workHeight == summary.Height) { item.Alpha.CopyTo(full, 0); }
            else { ImageOps.ResizeBilinear(item.Alpha, workWidth, workHeight, full, summary.Width, summary.Height); }
            ImageOps.Dilate(full, 0f, near, summary.Width, summary.Height, MatteEvaluation.EdgeGuardPixels, scratch);
            byte[] rgb = frame.Rgb24;
            for (int i = 0; i < full.Length; i++)
            {
                if (full[i] > 0) { continue; }
                bool black = (rgb[i * 3] | rgb[(i * 3) + 1] | rgb[(i * 3) + 2]) == 0;
                strictTotal++;
                if (!black) { strictBad++; }
                if (near[i] > 0) { continue; }
                guardedTotal++;
                if (!black) { guardedBad++; }
            }
        }
        return (guardedTotal == 0 ? 0 : guardedBad / (double)guardedTotal, strictTotal == 0 ? 0 : strictBad / (double)strictTotal);
    }
}
