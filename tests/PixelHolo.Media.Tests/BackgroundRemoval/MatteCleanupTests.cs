using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class MatteCleanupTests
{
    private const int W = 32, H = 32;

    [Fact]
    public void Apply_PatchBesideThePersonAndHoleInside_PatchDroppedHoleFilledModelGapKept()
    {
        // Person: the block x 4..19, y 4..27. The key matte (anchor) shows the same block with a real gap at x 10..11, y 20..27
        // (between arm and body, open to the bottom edge... closed here by row 27 so it is enclosed) that the full model saw.
        var alpha = new float[W * H];
        var anchor = new float[W * H];
        Fill(alpha, 4, 4, 20, 28, 1f);
        Fill(anchor, 4, 4, 20, 28, 1f);
        Fill(anchor, 10, 20, 12, 26, 0f);                  // the model's own gap
        Fill(alpha, 10, 20, 12, 26, 0f);
        Fill(alpha, 12, 8, 15, 11, 0f);                    // a hole the fast path punched into the person
        Fill(alpha, 25, 6, 29, 10, 0.8f);                  // a ghost patch floating beside the person

        (int dropped, int filled) = new MatteCleanup(W, H).Apply(alpha, anchor);

        Assert.Equal(16, dropped);
        Assert.Equal(9, filled);
        Assert.Equal(0f, alpha[(8 * W) + 27]);
        Assert.Equal(1f, alpha[(9 * W) + 13]);
        Assert.Equal(0f, alpha[(22 * W) + 10]);            // the gap the full model saw stays open
        Assert.Equal(1f, alpha[(15 * W) + 5]);
    }

    [Fact]
    public void Apply_PatchWhereTheKeyHadThePerson_Kept()
    {
        var alpha = new float[W * H];
        var anchor = new float[W * H];
        Fill(alpha, 2, 2, 14, 30, 1f);
        Fill(alpha, 20, 4, 26, 10, 1f);                    // a second region (a raised hand) the key matte also shows
        Fill(anchor, 2, 2, 14, 30, 1f);
        Fill(anchor, 21, 5, 25, 9, 1f);

        (int dropped, _) = new MatteCleanup(W, H).Apply(alpha, anchor);

        Assert.Equal(0, dropped);
        Assert.Equal(1f, alpha[(6 * W) + 22]);
    }

    private static void Fill(float[] image, int x0, int y0, int x1, int y1, float value)
    {
        for (int y = y0; y < y1; y++) { for (int x = x0; x < x1; x++) { image[(y * W) + x] = value; } }
    }
}
