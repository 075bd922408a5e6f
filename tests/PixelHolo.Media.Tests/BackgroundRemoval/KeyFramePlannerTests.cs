using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class KeyFramePlannerTests
{
    private const int S = MotionThumbnail.Size;

    [Fact]
    public void Plan_StaticCameraMovingSquare_BudgetKeysFirstAndLastNoCut()
    {
        var thumbs = Enumerable.Range(0, 300).Select(i => Square(20 + (i % 10), 20, 30, 128)).ToList();   // 10 s at 30 fps

        KeyFramePlan plan = KeyFramePlanner.Plan(thumbs, 30, new MattingOptions { KeyFramesPerMinute = 30, MinKeyFrames = 3 }, everyFrame: false);

        Assert.False(plan.CameraMoving);
        Assert.Empty(plan.Cuts);
        Assert.Equal(5, plan.Keys.Count);                  // ceil(10 s / 60 × 30)
        Assert.Equal(0, plan.Keys[0]);
        Assert.Equal(299, plan.Keys[^1]);
    }

    [Fact]
    public void Plan_JumpCut_PutsKeysOnBothSidesOfTheCut()
    {
        var thumbs = Enumerable.Range(0, 120).Select(i => i < 70 ? Square(10, 10, 20, 128) : Square(30, 30, 25, 200)).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(thumbs, 30, new MattingOptions { MinKeyFrames = 4 }, everyFrame: false);

        Assert.Equal([70], plan.Cuts);
        Assert.Contains(69, plan.Keys);
        Assert.Contains(70, plan.Keys);
    }

    [Fact]
    public void Plan_PanningCamera_MovingWithDenseKeys()
    {
        // A textured scene sliding sideways: the border changes everywhere.
        var thumbs = Enumerable.Range(0, 90).Select(i =>
        {
            var t = new byte[S * S];
            for (int y = 0; y < S; y++) { for (int x = 0; x < S; x++) { t[(y * S) + x] = (byte)(((x + (i * 2)) / 4 % 2 == 0) ? 40 : 220); } }
            return t;
        }).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(thumbs, 30, new MattingOptions(), everyFrame: false);

        Assert.True(plan.CameraMoving);
        Assert.Equal(7, plan.Keys.Count);                  // every 15 frames (0.5 s) plus the last
    }

    [Fact]
    public void Plan_EveryFrame_AllFramesAreKeys()
    {
        var thumbs = Enumerable.Range(0, 12).Select(_ => Square(5, 5, 10, 90)).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(thumbs, 25, new MattingOptions(), everyFrame: true);

        Assert.Equal(Enumerable.Range(0, 12), plan.Keys);
    }

    private static byte[] Square(int x0, int y0, int size, byte value)
    {
        var t = new byte[S * S];
        Array.Fill(t, (byte)60);
        for (int y = y0; y < Math.Min(S, y0 + size); y++) { for (int x = x0; x < Math.Min(S, x0 + size); x++) { t[(y * S) + x] = value; } }
        return t;
    }
}
