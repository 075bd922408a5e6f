using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class FrameMatterTests
{
    private const int W = 64, H = 64;

    [Fact]
    public void Matte_SquareMovesBetweenKeys_NonKeyFrameFollowsTheSquareNotTheBlend()
    {
        // A red square slides 16 px right over a textured grey wall; the keys at frames 0 and 10 have exact mattes.
        var keys = new List<KeyFrame> { Key(0, 10), Key(10, 26) };
        BackgroundPlate plate = BackgroundPlate.Build(keys, W, H, safetyRadius: 1);
        var matter = new FrameMatter(W, H, keys, plate, new MattingOptions { TemporalSmoothing = 0 });
        var alpha = new float[W * H];

        for (int i = 0; i <= 5; i++) { matter.Matte(Scene(10 + (i * 16 / 10)).Rgb, i, alpha); }   // frame 5: square at x = 18

        float[] truth = Scene(18).Alpha;
        (double iou, _) = MatteEvaluator.Compare(alpha, truth);
        Assert.InRange(iou, 0.95, 1.0);
        Assert.Equal(0f, alpha[(5 * W) + 60]);             // background far from the square is exactly 0
    }

    [Fact]
    public void Composite_AlphaZero_ExactlyBlackWhateverTheSource()
    {
        byte[] rgb = [200, 100, 50, 200, 100, 50];
        float[] alpha = [0f, 0.5f];
        var output = new byte[6];

        MatteCompositor.Composite(rgb, alpha, output);

        Assert.Equal([0, 0, 0, 100, 50, 25], output);
    }

    private static KeyFrame Key(int index, int x) { var s = Scene(x); return new KeyFrame(index, s.Rgb, s.Alpha); }

    private static (byte[] Rgb, float[] Alpha) Scene(int squareX)
    {
        var rgb = new byte[W * H * 3];
        var alpha = new float[W * H];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                int j = ((y * W) + x) * 3;
                bool inside = x >= squareX && x < squareX + 20 && y >= 20 && y < 44;
                byte wall = (byte)(120 + ((x * 7 + y * 3) % 20));
                rgb[j] = inside ? (byte)220 : wall;
                rgb[j + 1] = inside ? (byte)40 : wall;
                rgb[j + 2] = inside ? (byte)40 : wall;
                alpha[(y * W) + x] = inside ? 1 : 0;
            }
        }
        return (rgb, alpha);
    }
}
