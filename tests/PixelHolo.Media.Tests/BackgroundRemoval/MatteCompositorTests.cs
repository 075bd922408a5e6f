using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class MatteCompositorTests
{
    [Fact]
    public void Composite_AlphaZero_ExactlyBlackWhateverTheSource()
    {
        byte[] rgb = [200, 100, 50, 200, 100, 50];
        float[] alpha = [0f, 0.5f];
        var output = new byte[6];

        MatteCompositor.Composite(rgb, alpha, output);

        Assert.Equal([0, 0, 0, 100, 50, 25], output);
    }

    [Fact]
    public void Composite_EdgePixelOverKnownBackground_BackgroundShareRemovedExactly()
    {
        // 12×1: background B (alpha 0) | four edge pixels I = αF + (1 − α)B at α = 0.25 | person F (alpha 1).
        (byte R, byte G, byte B) f = (200, 40, 40), b = (20, 180, 60);
        const int W = 12;
        var rgb = new byte[W * 3];
        var alpha = new float[W];
        for (int x = 0; x < W; x++)
        {
            float a = x < 4 ? 0 : x < 8 ? 0.25f : 1;
            alpha[x] = a;
            rgb[x * 3] = (byte)((a * f.R) + ((1 - a) * b.R));
            rgb[(x * 3) + 1] = (byte)((a * f.G) + ((1 - a) * b.G));
            rgb[(x * 3) + 2] = (byte)((a * f.B) + ((1 - a) * b.B));
        }
        Assert.Equal([65, 145, 55], rgb[12..15]);          // what the camera saw at the edge
        var background = new BackgroundEstimate(W, 1, radius: 6);
        background.Update(rgb, alpha, plate: null);
        var output = new byte[W * 3];
        var plain = new byte[W * 3];

        MatteCompositor.Composite(rgb, alpha, output, W, background, factor: 1);
        MatteCompositor.Composite(rgb, alpha, plain);

        Assert.Equal([50, 10, 10], output[12..15]);        // α·F: the person's red, no green of the wall
        Assert.Equal([50, 10, 10], output[21..24]);
        Assert.Equal([16, 36, 14], plain[12..15]);         // α·I without decontamination: a green-tinted fringe
        Assert.Equal([0, 0, 0], output[0..3]);
        Assert.Equal([200, 40, 40], output[24..27]);
        Assert.Equal(0.0, EdgeSpillMeter.BackgroundShare(50, 10, 10, (200, 40, 40), (20, 180, 60)), 6);
        Assert.InRange(EdgeSpillMeter.BackgroundShare(16, 36, 14, (200, 40, 40), (20, 180, 60)), 0.15, 0.2);
    }
}
