namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>What the shot-change detector and the key-frame planner keep of each frame (about 4.6 kB): a 64×64 luma thumbnail,
/// colour histograms of three horizontal bands (4×4×4 RGB bins each; a new shirt changes the lower band even when the luma
/// does not) and the thumbnail's edge map.</summary>
internal sealed class FrameSignature
{
    public const int Bands = 3;
    public const int Bins = 64;

    private FrameSignature(byte[] thumbnail, float[] histograms, bool[] edges)
    {
        Thumbnail = thumbnail;
        Histograms = histograms;
        Edges = edges;
    }

    /// <summary>See <see cref="MotionThumbnail"/>.</summary>
    public byte[] Thumbnail { get; }

    /// <summary><see cref="Bands"/> × <see cref="Bins"/> fractions; each band sums to 1.</summary>
    public float[] Histograms { get; }

    /// <summary>Thumbnail pixels with a Sobel magnitude above 24 levels.</summary>
    public bool[] Edges { get; }

    public static FrameSignature From(ReadOnlySpan<byte> rgb24, int width, int height)
    {
        byte[] thumbnail = MotionThumbnail.From(rgb24, width, height);
        var histograms = new float[Bands * Bins];
        var counts = new int[Bands];
        int step = Math.Max(1, Math.Min(width, height) / 96);   // ~100 samples across the short side
        for (int y = 0; y < height; y += step)
        {
            int band = Math.Min(Bands - 1, y * Bands / height);
            for (int x = 0; x < width; x += step)
            {
                int j = ((y * width) + x) * 3;
                int bin = ((rgb24[j] >> 6) << 4) | ((rgb24[j + 1] >> 6) << 2) | (rgb24[j + 2] >> 6);
                histograms[(band * Bins) + bin]++;
                counts[band]++;
            }
        }
        for (int b = 0; b < Bands; b++)
        {
            for (int k = 0; k < Bins; k++) { histograms[(b * Bins) + k] /= Math.Max(1, counts[b]); }
        }
        return new FrameSignature(thumbnail, histograms, EdgeMap(thumbnail));
    }

    /// <summary>The largest of the three bands' histogram distances (half the L1 distance: 0 = same colours, 1 = none shared).</summary>
    public static double HistogramDistance(FrameSignature a, FrameSignature b)
    {
        double worst = 0;
        for (int band = 0; band < Bands; band++)
        {
            double sum = 0;
            for (int k = band * Bins; k < (band + 1) * Bins; k++) { sum += Math.Abs(a.Histograms[k] - b.Histograms[k]); }
            worst = Math.Max(worst, sum / 2);
        }
        return worst;
    }

    /// <summary>Edge change ratio (Zabih et al.): the larger of the share of <paramref name="b"/>'s edges with no edge of
    /// <paramref name="a"/> within one pixel, and the reverse. Talking moves edges a pixel; a new shot replaces them.</summary>
    public static double EdgeChange(FrameSignature a, FrameSignature b) => Math.Max(Unmatched(a.Edges, b.Edges), Unmatched(b.Edges, a.Edges));

    private static double Unmatched(bool[] from, bool[] to)
    {
        const int S = MotionThumbnail.Size;
        int total = 0, unmatched = 0;
        for (int y = 0; y < S; y++)
        {
            for (int x = 0; x < S; x++)
            {
                if (!to[(y * S) + x]) { continue; }
                total++;
                bool near = false;
                for (int dy = -1; dy <= 1 && !near; dy++)
                {
                    int yy = y + dy;
                    if ((uint)yy >= S) { continue; }
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx;
                        if ((uint)xx < S && from[(yy * S) + xx]) { near = true; break; }
                    }
                }
                if (!near) { unmatched++; }
            }
        }
        return total < 8 ? 0 : unmatched / (double)total;
    }

    private static bool[] EdgeMap(byte[] t)
    {
        const int S = MotionThumbnail.Size;
        var edges = new bool[S * S];
        for (int y = 1; y < S - 1; y++)
        {
            for (int x = 1; x < S - 1; x++)
            {
                int i = (y * S) + x;
                int gx = (t[i - S + 1] + (2 * t[i + 1]) + t[i + S + 1]) - (t[i - S - 1] + (2 * t[i - 1]) + t[i + S - 1]);
                int gy = (t[i + S - 1] + (2 * t[i + S]) + t[i + S + 1]) - (t[i - S - 1] + (2 * t[i - S]) + t[i - S + 1]);
                edges[i] = Math.Abs(gx) + Math.Abs(gy) > 4 * 24;
            }
        }
        return edges;
    }
}
