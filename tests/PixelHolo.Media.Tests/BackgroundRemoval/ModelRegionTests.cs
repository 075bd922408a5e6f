using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ModelRegionTests
{
    [Fact]
    public void Around_BoxInA640x480Frame_MarginRoundedInputAndCentredRectangle()
    {
        // Box 200×400 at (100, 50): margin 10 % + 8 px → (72, 2)–(328, 498), clipped to the frame's 480 rows → 256×478;
        // at scale 1 the input is 256×512 (multiples of 64) and the rectangle grows 34 rows, 17 above and 17 below.
        ModelRegion region = ModelRegion.Around((100, 50, 300, 450), 640, 480, scale: 1.0, margin: 0.1);

        Assert.Equal(new ModelRegion(72, -15, 256, 512, 256, 512), region);
        Assert.Equal(0.125, region.Cost);
    }

    [Fact]
    public void Around_HalfScale_SameRectangleHalfTheInput()
    {
        ModelRegion region = ModelRegion.Around((100, 50, 300, 450), 640, 480, scale: 0.5, margin: 0.1);

        Assert.Equal(new ModelRegion(72, -15, 256, 512, 128, 256), region);
    }

    [Fact]
    public void Reference_AnyFrame_WholeFrameAt1024()
    {
        Assert.Equal(new ModelRegion(0, 0, 1280, 720, 1024, 1024), ModelRegion.Reference(1280, 720));
        Assert.Equal(1.0, ModelRegion.Reference(1280, 720).Cost);
        Assert.Equal(1024 / Math.Sqrt(1280 * 720), ModelRegion.ReferenceScale(1280, 720), 12);
    }

    [Fact]
    public void Whole_SmallSourceCappedAt2_InputTwiceTheSourceRoundedTo64()
    {
        // 360×288 (GRID): 720×576 → 768×576 instead of 1024×1024; a 480² source at 2× (960², 0.88 of
        // the cost) keeps the reference view: not worth another picture.
        Assert.Equal(new ModelRegion(0, 0, 360, 288, 768, 576), ModelRegion.Whole(360, 288, 2));
        Assert.Equal(0.421875, ModelRegion.Whole(360, 288, 2).Cost);
        Assert.Equal(ModelRegion.Reference(480, 480), ModelRegion.Whole(480, 480, 2));
        Assert.Equal(ModelRegion.Reference(1280, 720), ModelRegion.Whole(1280, 720, 2));
        Assert.Equal(ModelRegion.Reference(360, 288), ModelRegion.Whole(360, 288, 0));
    }

    [Fact]
    public void InputOutput_IdentityRegion_PixelsNormalisedAndAlphaBackInPlace()
    {
        byte[] rgb = [0, 128, 255, 64, 64, 64, 10, 20, 30, 200, 100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 250, 251, 252];   // 4×2
        var region = new ModelRegion(0, 0, 4, 2, 4, 2);

        float[] tensor = IsNetMatteModel.Input(rgb, 4, 2, region);
        float[] alpha = IsNetMatteModel.Output([0f, 0.25f, 0.5f, 1f, 1f, 0.5f, 0.25f, 0f], region, 4, 2, 4, 2);

        Assert.Equal((0 - 128f) / 256f, tensor[0]);          // R of pixel 0
        Assert.Equal((128 - 128f) / 256f, tensor[8]);        // G of pixel 0 (plane 1)
        Assert.Equal((252 - 128f) / 256f, tensor[23]);       // B of pixel 7 (plane 2)
        Assert.Equal([0f, 0.25f, 0.5f, 1f, 1f, 0.5f, 0.25f, 0f], alpha);
    }

    [Fact]
    public void Output_RegionOverTheLeftHalf_RightHalfExactlyZero()
    {
        var region = new ModelRegion(0, 0, 2, 2, 2, 2);

        float[] alpha = IsNetMatteModel.Output([1f, 1f, 1f, 1f], region, 4, 2, 4, 2);

        Assert.Equal([1f, 1f, 0f, 0f, 1f, 1f, 0f, 0f], alpha);
    }
}
