using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class KeyAgreementTests
{
    private const int W = 64, H = 64;

    [Fact]
    public void Iou_SameOutlineMoved_One()
    {
        float[] a = Rectangle(16, 16, 32, 40), b = Rectangle(20, 12, 32, 40);   // moved 4 px right, 4 up: one quarter-size pixel each

        Assert.Equal(1, KeyAgreement.Iou(a, b, W, H), 9);
    }

    [Fact]
    public void Iou_SecondKeyAlsoHasAnArm_ThePersonsShareOfTheUnion()
    {
        float[] a = Rectangle(16, 16, 32, 40), b = Rectangle(16, 16, 32, 40);
        Fill(b, 48, 16, 8, 16);   // an arm the model saw on the second key only: 2 × 4 quarter-size pixels beside 8 × 10

        Assert.Equal(80 / 88.0, KeyAgreement.Iou(a, b, W, H), 9);
    }

    [Fact]
    public void Iou_NoPersonInEither_One()
    {
        Assert.Equal(1, KeyAgreement.Iou(new float[W * H], new float[W * H], W, H), 9);
    }

    [Fact]
    public void Iou_PersonInOneOnly_Zero()
    {
        Assert.Equal(0, KeyAgreement.Iou(Rectangle(16, 16, 32, 40), new float[W * H], W, H), 9);
    }

    private static float[] Rectangle(int x, int y, int width, int height)
    {
        var alpha = new float[W * H];
        Fill(alpha, x, y, width, height);
        return alpha;
    }

    private static void Fill(float[] alpha, int x, int y, int width, int height)
    {
        for (int row = y; row < y + height; row++)
        {
            for (int col = x; col < x + width; col++) { alpha[(row * W) + col] = 1; }
        }
    }
}
