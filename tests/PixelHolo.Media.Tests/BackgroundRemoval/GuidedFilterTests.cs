using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class GuidedFilterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]   // the fast guided filter: a, b fitted at half size, q at full size
    public void Apply_BlurryMatteOnSharpImageEdge_EdgeBecomesSharp(int subsample)
    {
        const int w = 32, h = 8;
        var guide = new float[w * h];
        var matte = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                guide[(y * w) + x] = x < 16 ? 0.1f : 0.9f;                      // the image has a hard edge at x = 16
                matte[(y * w) + x] = Math.Clamp((x - 12) / 8f, 0f, 1f);         // the matte ramps over 8 px around it
            }
        }
        var output = new float[w * h];

        new GuidedFilter(w, h, subsample).Apply(guide, matte, output, radius: 4, epsilon: 1e-4f);

        int row = 4 * w;
        Assert.InRange(output[row + 13], 0f, 0.12f);   // was 0.125, pulled to the dark side
        Assert.InRange(output[row + 18], 0.8f, 1f);    // was 0.75, pulled to the bright side
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Apply_FlatGuide_ConstantMatteUnchanged(int subsample)
    {
        const int w = 11, h = 9;   // odd sizes: the last half-size block averages the pixels it has
        var guide = Enumerable.Repeat(0.5f, w * h).ToArray();
        var matte = Enumerable.Repeat(0.3f, w * h).ToArray();

        new GuidedFilter(w, h, subsample).Apply(guide, matte, matte, 2, 1e-3f);

        Assert.All(matte, v => Assert.Equal(0.3f, v, 4));
    }
}
