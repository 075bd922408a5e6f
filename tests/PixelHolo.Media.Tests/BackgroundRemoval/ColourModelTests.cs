using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ColourModelTests
{
    private const int W = 64, H = 64;

    [Fact]
    public void Check_MatteOnThePerson_NoOutlineDisagreementFullConfidence()
    {
        (byte[] rgb, float[] alpha) = Scene(10);
        ColourModel model = ColourModel.From([new KeyFrame(0, rgb, alpha)], W);

        MatteConfidence check = model.Check(rgb, alpha, Near(), W, plate: null);

        Assert.Equal(0.0, check.EdgeDisagreement);
        Assert.Equal(1.0, check.Value);
    }

    [Fact]
    public void Check_MatteSixPixelsBesideThePerson_OutlineDisagreesConfidenceLow()
    {
        // The bulk of the matte still covers red and the frame's colours are the key's, so the whole-area disagreement stays
        // small; on the outline half the ring is red called background or blue called person.
        (byte[] rgb, float[] alpha) = Scene(10);
        ColourModel model = ColourModel.From([new KeyFrame(0, rgb, alpha)], W);
        float[] shifted = Scene(16).Alpha;

        MatteConfidence check = model.Check(rgb, shifted, Near(), W, plate: null);

        Assert.InRange(check.EdgeDisagreement, 0.25, 0.75);
        Assert.InRange(check.Disagreement, 0.0, 0.2);
        Assert.InRange(check.Value, 0.0, 0.2);
    }

    private static float[] Near() => Enumerable.Repeat(1f, W * H).ToArray();

    private static (byte[] Rgb, float[] Alpha) Scene(int squareX)
    {
        var rgb = new byte[W * H * 3];
        var alpha = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                bool inside = x >= squareX && x < squareX + 24 && y >= 16 && y < 48;
                int j = ((y * W) + x) * 3;
                (rgb[j], rgb[j + 1], rgb[j + 2]) = inside ? ((byte)220, (byte)40, (byte)40) : ((byte)30, (byte)60, (byte)200);
                alpha[(y * W) + x] = inside ? 1 : 0;
            }
        }
        return (rgb, alpha);
    }
}
