namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Finds shot changes from frame signatures: a jump cut (the luma jumps), and also a new take with the same framing but
/// other light or clothes (the colour histogram of a band jumps, or the edges are replaced). Each measure is compared with its
/// own usual frame-to-frame value around the frame (median over ±1 s), so an expressive face or a noisy camera raises the bar
/// there and nowhere else.</summary>
internal static class ShotChangeDetector
{
    /// <param name="signatures">One per frame, in order.</param>
    /// <param name="framesPerSecond">Sets the window of the local medians and the shortest shot (0.25 s).</param>
    /// <returns>Frame indices where a new shot starts, ascending (never 0).</returns>
    public static List<int> Find(IReadOnlyList<FrameSignature> signatures, double framesPerSecond)
    {
        double[] scores = Scores(signatures, framesPerSecond);
        int shortest = Math.Max(2, (int)Math.Round(0.25 * framesPerSecond));
        var cuts = new List<int>();
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] < 1) { continue; }
            if (cuts.Count > 0 && i - cuts[^1] < shortest)
            {
                if (scores[i] > scores[cuts[^1]]) { cuts[^1] = i; }   // a flash or a two-frame dissolve: keep the stronger change
                continue;
            }
            cuts.Add(i);
        }
        return cuts;
    }

    /// <summary>Per frame, how far the change from the previous frame is above the bar for a cut (≥ 1 = a cut).</summary>
    internal static double[] Scores(IReadOnlyList<FrameSignature> signatures, double framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        int n = signatures.Count;
        var luma = new double[n];
        var colour = new double[n];
        var edges = new double[n];
        for (int i = 1; i < n; i++)
        {
            luma[i] = MotionThumbnail.MeanDifference(signatures[i].Thumbnail, signatures[i - 1].Thumbnail);
            colour[i] = FrameSignature.HistogramDistance(signatures[i], signatures[i - 1]);
            edges[i] = FrameSignature.EdgeChange(signatures[i - 1], signatures[i]);
        }
        int window = Math.Max(3, (int)Math.Round(framesPerSecond));
        var scores = new double[n];
        for (int i = 1; i < n; i++)
        {
            double l = luma[i] / Math.Max(12, 6 * LocalMedian(luma, i, window));
            double c = colour[i] / Math.Max(0.10, 4 * LocalMedian(colour, i, window));
            double e = edges[i] / Math.Max(0.5, 3 * LocalMedian(edges, i, window));
            // Edges alone are noisy (a hand crosses the frame): they count when the luma or the colours moved too.
            double edgeVote = Math.Max(l, c) > 0.5 ? e : 0;
            scores[i] = Math.Max(Math.Max(l, c), edgeVote);
        }
        return scores;
    }

    /// <summary>Median of values[i − window .. i + window] without i itself and its direct neighbours (a cut spans one step).</summary>
    private static double LocalMedian(double[] values, int i, int window)
    {
        var around = new List<double>(2 * window);
        for (int k = Math.Max(1, i - window); k <= Math.Min(values.Length - 1, i + window); k++)
        {
            if (Math.Abs(k - i) > 1) { around.Add(values[k]); }
        }
        if (around.Count == 0) { return 0; }
        around.Sort();
        return around[around.Count / 2];
    }
}
