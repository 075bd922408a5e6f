namespace PixelHolo.Media.LipSync.Evaluation;

/// <summary>The evaluation's measures on per-frame signals, computed the same way for the engine, loop mode and the real
/// footage (docs/lipsync.md, "Measuring without a neural model").</summary>
internal static class SyncMetrics
{
    /// <summary>Best Pearson correlation between the mouth opening and the loudness envelope, both band-passed to 2–7 Hz,
    /// over lags within ±200 ms, and that lag in ms (positive: the mouth leads the sound).</summary>
    public static (double Sync, double LagMs) Sync(IReadOnlyList<float> opening, IReadOnlyList<float> loudness, double fps)
    {
        int n = Math.Min(opening.Count, loudness.Count);
        if (n < 8) { return (0, 0); }
        double[] o = BandPass([.. opening.Take(n).Select(v => (double)v)], fps);
        double[] e = BandPass([.. loudness.Take(n).Select(v => (double)v)], fps);
        int maxLag = (int)Math.Round(0.2 * fps);
        double best = double.NegativeInfinity;
        int bestLag = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            double r = Pearson(o, e, lag);
            if (r > best)
            {
                best = r;
                bestLag = lag;
            }
        }
        return (best, bestLag * 1000 / fps);
    }

    /// <summary>corr(a[t], b[t + lag]) over the overlap.</summary>
    public static double Pearson(double[] a, double[] b, int lag)
    {
        int from = Math.Max(0, -lag);
        int to = Math.Min(a.Length, b.Length - lag);
        int n = to - from;
        if (n < 3) { return 0; }
        double ma = 0;
        double mb = 0;
        for (int t = from; t < to; t++)
        {
            ma += a[t];
            mb += b[t + lag];
        }
        ma /= n;
        mb /= n;
        double num = 0;
        double da = 0;
        double db = 0;
        for (int t = from; t < to; t++)
        {
            double x = a[t] - ma;
            double y = b[t + lag] - mb;
            num += x * y;
            da += x * x;
            db += y * y;
        }
        return da <= 0 || db <= 0 ? 0 : num / Math.Sqrt(da * db);
    }

    /// <summary>Zero-phase 2–7 Hz band-pass: second-order Butterworth high-pass then low-pass, run forwards and backwards.</summary>
    public static double[] BandPass(double[] x, double fps)
    {
        double[] y = Biquad(x, fps, 2.0, highPass: true);
        y = Biquad(y, fps, Math.Min(7.0, 0.45 * fps), highPass: false);
        Array.Reverse(y);
        y = Biquad(y, fps, 2.0, highPass: true);
        y = Biquad(y, fps, Math.Min(7.0, 0.45 * fps), highPass: false);
        Array.Reverse(y);
        return y;
    }

    private static double[] Biquad(double[] x, double fs, double f0, bool highPass)
    {
        double w0 = 2 * Math.PI * f0 / fs;
        double alpha = Math.Sin(w0) / (2 * Math.Sqrt(0.5));
        double cos = Math.Cos(w0);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double b2 = b0;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double[] y = new double[x.Length];
        double x1 = x.Length > 0 ? x[0] : 0;
        double x2 = x1;
        double y1 = highPass ? 0 : x1;
        double y2 = y1;
        for (int i = 0; i < x.Length; i++)
        {
            double v = ((b0 * x[i]) + (b1 * x1) + (b2 * x2) - (a1 * y1) - (a2 * y2)) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = v;
        }
        return y;
    }

    /// <summary>Mean SSIM of two grey crops of the same size (8 × 8 windows, stride 4).</summary>
    public static double Ssim(float[] a, float[] b, int width, int height)
    {
        const double c1 = 6.5025; // (0.01 · 255)²
        const double c2 = 58.5225; // (0.03 · 255)²
        double total = 0;
        int windows = 0;
        for (int y0 = 0; y0 + 8 <= height; y0 += 4)
        {
            for (int x0 = 0; x0 + 8 <= width; x0 += 4)
            {
                double ma = 0;
                double mb = 0;
                for (int y = y0; y < y0 + 8; y++)
                {
                    for (int x = x0; x < x0 + 8; x++)
                    {
                        ma += a[(y * width) + x];
                        mb += b[(y * width) + x];
                    }
                }
                ma /= 64;
                mb /= 64;
                double va = 0;
                double vb = 0;
                double cov = 0;
                for (int y = y0; y < y0 + 8; y++)
                {
                    for (int x = x0; x < x0 + 8; x++)
                    {
                        double da = a[(y * width) + x] - ma;
                        double db = b[(y * width) + x] - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }
                va /= 63;
                vb /= 63;
                cov /= 63;
                total += ((2 * ma * mb) + c1) * ((2 * cov) + c2) / (((ma * ma) + (mb * mb) + c1) * (va + vb + c2));
                windows++;
            }
        }
        return windows == 0 ? 0 : total / windows;
    }

    /// <summary>Mean absolute grey change of the mouth between consecutive frames, over the frames in silence.</summary>
    public static double SilentMotion(IReadOnlyList<float[]> crops, IReadOnlyList<bool> silent)
    {
        double sum = 0;
        int count = 0;
        for (int t = 1; t < Math.Min(crops.Count, silent.Count); t++)
        {
            if (!silent[t] || !silent[t - 1]) { continue; }
            float[] a = crops[t - 1];
            float[] b = crops[t];
            double d = 0;
            for (int i = 0; i < a.Length; i++) { d += Math.Abs(a[i] - b[i]); }
            sum += d / a.Length;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    /// <summary>Median time from the end of each speech segment (followed by at least 200 ms of silence) until the opening
    /// first falls to <paramref name="closed"/> or below; a mouth that never closes within the pause counts the whole pause.</summary>
    public static double CloseMs(IReadOnlyList<float> opening, IReadOnlyList<bool> voiced, float closed, double fps)
    {
        int n = Math.Min(opening.Count, voiced.Count);
        int minPause = (int)Math.Ceiling(0.2 * fps);
        var times = new List<double>();
        for (int t = 1; t < n; t++)
        {
            if (!voiced[t - 1] || voiced[t]) { continue; }
            int pauseEnd = t;
            while (pauseEnd < n && !voiced[pauseEnd]) { pauseEnd++; }
            if (pauseEnd - t < minPause) { continue; }
            int f = t;
            while (f < pauseEnd && opening[f] > closed) { f++; }
            times.Add((f - t) * 1000 / fps);
        }
        if (times.Count == 0) { return 0; }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Voiced frames (level above the detector's threshold) with gaps of up to two frames closed.</summary>
    public static bool[] Voiced(IReadOnlyList<float> levels)
    {
        var detector = new Composition.SpeakingDetector(0, 0);
        foreach (float l in levels) { detector.Observe(l); }
        bool[] v = [.. levels.Select(detector.IsVoiced)];
        bool[] closedGaps = (bool[])v.Clone();
        for (int t = 1; t < v.Length - 1; t++)
        {
            if (!v[t] && v[t - 1] && (v[t + 1] || (t + 2 < v.Length && v[t + 2]))) { closedGaps[t] = true; }
        }
        return closedGaps;
    }

    /// <summary>Frames in silence with a margin of two frames of silence on each side (no onset or release movement).</summary>
    public static bool[] Silent(bool[] voiced)
    {
        bool[] s = new bool[voiced.Length];
        for (int t = 0; t < voiced.Length; t++)
        {
            bool quiet = true;
            for (int k = -2; k <= 2 && quiet; k++) { quiet = !voiced[Math.Clamp(t + k, 0, voiced.Length - 1)]; }
            s[t] = quiet;
        }
        return s;
    }
}
