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

    [Fact]
    public void From_OutlineScoreAgainstTheKeysOwnLevel_NormalFootageKeptWrongOutlineRefused()
    {
        // Keys at 0.17 on the outline (hair, blur): 0.25 is within their level + 0.06 + 0.02 → 0.8; the same 0.25 on footage
        // whose keys score 0 (floor 0.06 + 0.06 = 0.12) is 0.13 past normal → 0.
        Assert.Equal(0.8, MatteConfidence.From(0, 0, 0, edgeDisagreement: 0.25, outlineBaseline: 0.17).Value, 9);
        Assert.Equal(0.0, MatteConfidence.From(0, 0, 0, edgeDisagreement: 0.25, outlineBaseline: 0).Value, 9);
        Assert.Equal(1.0, MatteConfidence.From(0, 0, 0, edgeDisagreement: 0.12, outlineBaseline: 0).Value, 9);
    }

    [Fact]
    public void From_KeysWithCleanAndMixedOutlines_BaselineIsTheMeanOfTheirOwnOutlineScores()
    {
        // Key 0: the matte on the square (a clean outline, 0). Key 1: the matte 3 px off (its outline mixes both colours).
        (byte[] rgb, float[] alpha) = Scene(10);
        float[] off = Scene(13).Alpha;
        var keys = new[] { new KeyFrame(0, rgb, alpha), new KeyFrame(1, rgb, off) };

        ColourModel model = ColourModel.From(keys, W);

        double offScore = model.Check(rgb, off, null, W, plate: null).EdgeDisagreement;
        Assert.Equal(0.0, model.Check(rgb, alpha, null, W, plate: null).EdgeDisagreement);
        Assert.InRange(offScore, 0.05, 0.6);
        Assert.Equal(offScore / 2, model.OutlineBaseline, 9);
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
