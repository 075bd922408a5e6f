namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Chooses key frames from motion thumbnails: on a static camera a fixed budget spread along the cumulative motion
/// (more keys where the person moves, a pair at each jump cut); on a moving camera one key per fixed interval; with
/// <c>everyFrame</c> all of them.</summary>
internal static class KeyFramePlanner
{
    public static KeyFramePlan Plan(IReadOnlyList<byte[]> thumbnails, double framesPerSecond, MattingOptions options, bool everyFrame)
    {
        ArgumentNullException.ThrowIfNull(thumbnails);
        ArgumentNullException.ThrowIfNull(options);
        int n = thumbnails.Count;
        if (n == 0) { throw new ArgumentException("The video has no frames.", nameof(thumbnails)); }
        var motion = new double[n];
        var border = new double[n];
        for (int i = 1; i < n; i++)
        {
            motion[i] = MotionThumbnail.MeanDifference(thumbnails[i], thumbnails[i - 1]);
            border[i] = MotionThumbnail.BorderDifference(thumbnails[i], thumbnails[0]);
        }
        double borderChange = Median(border.Skip(1));
        List<int> cuts = FindCuts(motion);
        bool moving = borderChange > options.MovingCameraThreshold;

        if (everyFrame) { return new KeyFramePlan([.. Enumerable.Range(0, n)], moving, borderChange, cuts); }
        if (moving)
        {
            int step = Math.Max(1, (int)Math.Round(options.MovingCameraKeyFrameInterval.TotalSeconds * framesPerSecond));
            var dense = new SortedSet<int>();
            for (int i = 0; i < n; i += step) { dense.Add(i); }
            dense.Add(n - 1);
            foreach (int cut in cuts) { dense.Add(cut - 1); dense.Add(cut); }
            return new KeyFramePlan([.. dense], moving, borderChange, cuts);
        }

        double minutes = n / framesPerSecond / 60.0;
        int budget = Math.Min(n, Math.Max(options.MinKeyFrames, (int)Math.Ceiling(minutes * options.KeyFramesPerMinute)));
        var keys = new SortedSet<int> { 0, n - 1 };
        foreach (int cut in cuts)
        {
            if (keys.Count + 2 > budget) { break; }
            keys.Add(cut - 1);
            keys.Add(cut);
        }

        // Spread the rest along cumulative motion, with a time term so a still clip still gets evenly spaced keys.
        // Motion across a cut is already covered by its key pair.
        double[] effort = [.. motion];
        foreach (int cut in cuts) { effort[cut] = 0; }
        double mean = effort.Skip(1).DefaultIfEmpty(0).Average();
        var cumulative = new double[n];
        for (int i = 1; i < n; i++) { cumulative[i] = cumulative[i - 1] + effort[i] + (0.5 * mean) + 1e-6; }
        int remaining = budget - keys.Count;
        for (int j = 1; j <= remaining; j++)
        {
            double target = cumulative[n - 1] * j / (remaining + 1);
            int index = Array.FindIndex(cumulative, c => c >= target);
            if (index > 0) { keys.Add(index); }
        }
        return new KeyFramePlan([.. keys], moving, borderChange, cuts);
    }

    /// <summary>A cut is a change far above the usual frame-to-frame motion.</summary>
    private static List<int> FindCuts(double[] motion)
    {
        double typical = Median(motion.Skip(1));
        var cuts = new List<int>();
        for (int i = 2; i < motion.Length; i++)
        {
            if (motion[i] > Math.Max(12, 6 * typical)) { cuts.Add(i); }
        }
        return cuts;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
