using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ImageOpsTests
{
    [Fact]
    public void BoxShrink_TwoByTwoBlocks_TheirMeansAndTheOddColumnLeftOut()
    {
        // 5 × 2: two whole 2 × 2 blocks, the fifth column left out.
        float[] source = [1, 3, 0, 0, 9,
                          5, 7, 1, 1, 9];
        var result = new float[2];

        ImageOps.BoxShrink(source, 5, 2, result, 2, 1);

        Assert.Equal([4f, 0.5f], result);
    }

    [Fact]
    public void BoxMean_SinglePixelRadiusOne_SpreadsOverNineAndClipsAtBorder()
    {
        var image = new float[5 * 5];
        image[(2 * 5) + 2] = 9;
        var result = new float[25];

        ImageOps.BoxMean(image, result, 5, 5, 1, new float[25]);

        Assert.Equal(1f, result[(1 * 5) + 1], 5);
        Assert.Equal(1f, result[(3 * 5) + 3], 5);
        Assert.Equal(0f, result[0], 5);
        Assert.Equal(9f, result.Sum(), 3);
    }

    [Fact]
    public void DilateErode_SquareRadiusOne_GrowsAndShrinksByOnePixel()
    {
        var mask = new float[9 * 9];
        for (int y = 3; y <= 5; y++) { for (int x = 3; x <= 5; x++) { mask[(y * 9) + x] = 1; } }
        var grown = new float[81];
        var shrunk = new float[81];

        ImageOps.Dilate(mask, 0.5f, grown, 9, 9, 1, new float[81]);
        ImageOps.Erode(mask, 0.5f, shrunk, 9, 9, 1, new float[81]);

        Assert.Equal(25, grown.Count(v => v == 1));
        Assert.Equal(1, shrunk.Count(v => v == 1));
        Assert.Equal(1, shrunk[(4 * 9) + 4]);
    }

    [Fact]
    public void ResizeBilinear_TwoByTwoToFourByFour_KeepsCornersAndInterpolates()
    {
        float[] source = [0, 1, 2, 3];
        var result = new float[16];

        ImageOps.ResizeBilinear(source, 2, 2, result, 4, 4);

        Assert.Equal(0f, result[0], 5);
        Assert.Equal(3f, result[15], 5);
        Assert.Equal(0.25f, result[1], 5);
    }

    [Fact]
    public void DownsampleRgb_FactorTwo_AveragesBlocks()
    {
        byte[] rgb = new byte[4 * 2 * 3];
        rgb.AsSpan(0, 3).Fill(100);     // (0,0)
        rgb.AsSpan(3, 3).Fill(200);     // (1,0)

        byte[] result = ImageOps.DownsampleRgb(rgb, 4, 2, 2, out int w, out int h);

        Assert.Equal((2, 1), (w, h));
        Assert.Equal(75, result[0]);
        Assert.Equal(0, result[3]);
    }
}
