namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>How well two key frames' mattes agree once the person's movement between them is taken out: the IoU of their
/// person masks (alpha &gt; 0.5) at a quarter of the working size, at the shift that lays one best onto the other. Neighbouring
/// keys that disagree beyond a shift — the model answered a strand of hair, a hand or a collar one way on one key and the other
/// way on the next — leave the frames between them to a blend of two different answers.</summary>
internal static class KeyAgreement
{
    private const int Factor = 4;

    /// <summary>Best IoU over shifts of up to a tenth of the short side (1 = the same outline, only moved).</summary>
    public static double Iou(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height)
    {
        int w = Math.Max(1, width / Factor), h = Math.Max(1, height / Factor);
        bool[] maskA = Shrink(a, width, w, h), maskB = Shrink(b, width, w, h);
        int radius = Math.Max(1, Math.Min(w, h) / 10);
        int countA = maskA.Count(v => v), countB = maskB.Count(v => v);
        if (countA == 0 && countB == 0) { return 1; }
        double best = 0;
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                int overlap = 0;
                for (int y = Math.Max(0, dy); y < Math.Min(h, h + dy); y++)
                {
                    int rowA = y * w, rowB = (y - dy) * w;
                    for (int x = Math.Max(0, dx); x < Math.Min(w, w + dx); x++)
                    {
                        if (maskA[rowA + x] && maskB[rowB + x - dx]) { overlap++; }
                    }
                }
                // Pixels of B shifted out of the frame are not counted as disagreement: the union uses B's count.
                best = Math.Max(best, overlap / (double)(countA + countB - overlap));
            }
        }
        return best;
    }

    private static bool[] Shrink(ReadOnlySpan<float> alpha, int width, int w, int h)
    {
        var mean = new float[w * h];
        ImageOps.BoxShrink(alpha, width, Factor, mean, w, h);
        var mask = new bool[mean.Length];
        for (int i = 0; i < mask.Length; i++) { mask[i] = mean[i] > 0.5f; }
        return mask;
    }
}
