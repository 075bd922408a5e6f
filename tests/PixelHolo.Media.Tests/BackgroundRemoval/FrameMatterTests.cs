using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class FrameMatterTests
{
    private const int W = 64, H = 64;

    [Fact]
    public void Matte_SquareMovesBetweenKeys_NonKeyFrameFollowsTheSquareNotTheBlend()
    {
        // A red square slides 16 px right over a textured grey wall; the keys at frames 0 and 10 have exact mattes.
        FrameMatter matter = Matter(Key(0, 10), Key(10, 26));
        var alpha = new float[W * H];

        for (int i = 0; i <= 5; i++) { matter.Matte(Scene(10 + (i * 16 / 10)).Rgb, i, alpha); }   // frame 5: square at x = 18

        float[] truth = Scene(18).Alpha;
        (double iou, _) = MatteEvaluator.Compare(alpha, truth);
        Assert.InRange(iou, 0.95, 1.0);
        Assert.Equal(0f, alpha[(5 * W) + 60]);             // background far from the square is exactly 0
    }

    [Fact]
    public void Matte_KeysOnBothSidesOfACut_EachShotUsesOnlyItsOwnKey()
    {
        // Shot 1 (frames 0-9): square at x = 10. Shot 2 (10-19): square at x = 36 under other light.
        var matter = new FrameMatter(W, H, new MattingOptions { TemporalSmoothing = 0 });
        matter.AddSegment(0, staticCamera: true);
        matter.AddSegment(10, staticCamera: true);
        matter.AddKey(Key(2, 10));
        matter.AddKey(new KeyFrame(15, Scene(36, light: 30).Rgb, Scene(36).Alpha));
        var alpha = new float[W * H];

        matter.Matte(Scene(10).Rgb, 8, alpha);
        (double before, _) = MatteEvaluator.Compare(alpha, Scene(10).Alpha);
        MatteConfidence check = matter.Matte(Scene(36, light: 30).Rgb, 11, alpha);
        (double after, _) = MatteEvaluator.Compare(alpha, Scene(36).Alpha);

        Assert.InRange(before, 0.95, 1.0);
        Assert.InRange(after, 0.95, 1.0);                  // not a blend towards the other shot's square
        Assert.InRange(check.Value, 0.9, 1.0);
    }

    [Fact]
    public void Matte_LightChangedSinceTheKey_LowConfidenceBackgroundStale()
    {
        var matter = new FrameMatter(W, H, new MattingOptions { TemporalSmoothing = 0 });
        matter.AddSegment(0, staticCamera: true);
        matter.AddKey(Key(0, 20));
        var alpha = new float[W * H];

        MatteConfidence same = matter.Matte(Scene(20).Rgb, 1, alpha);
        MatteConfidence other = matter.Matte(Scene(20, light: 40).Rgb, 2, alpha);

        Assert.Equal(1.0, same.Value, 3);
        Assert.InRange(other.Value, 0.0, 0.2);
        Assert.True(other.BackgroundChanged);
    }

    private static FrameMatter Matter(params KeyFrame[] keys)
    {
        var matter = new FrameMatter(W, H, new MattingOptions { TemporalSmoothing = 0 });
        matter.AddSegment(0, staticCamera: true);
        foreach (KeyFrame key in keys) { matter.AddKey(key); }
        return matter;
    }

    private static KeyFrame Key(int index, int x) { var s = Scene(x); return new KeyFrame(index, s.Rgb, s.Alpha); }

    private static (byte[] Rgb, float[] Alpha) Scene(int squareX, int light = 0)
    {
        var rgb = new byte[W * H * 3];
        var alpha = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                int j = ((y * W) + x) * 3;
                bool inside = x >= squareX && x < squareX + 20 && y >= 20 && y < 44;
                byte wall = (byte)(120 + light + ((x * 7 + y * 3) % 20));
                rgb[j] = inside ? (byte)220 : wall;
                rgb[j + 1] = inside ? (byte)(40 + light) : wall;
                rgb[j + 2] = inside ? (byte)(40 + light) : wall;
                alpha[(y * W) + x] = inside ? 1 : 0;
            }
        }
        return (rgb, alpha);
    }
}
