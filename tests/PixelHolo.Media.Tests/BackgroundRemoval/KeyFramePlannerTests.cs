using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class KeyFramePlannerTests
{
    private const int S = MotionThumbnail.Size;

    [Fact]
    public void Plan_StaticCameraMovingSquare_BudgetKeysOneShotNoCut()
    {
        var frames = Enumerable.Range(0, 300).Select(i => Signature(Scene(20 + (i % 20 < 10 ? i % 10 : 10 - (i % 10)), 20, 30, 128))).ToList();   // 10 s at 30 fps, sways 1 px a frame

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions { KeyFramesPerMinute = 30, MinKeyFrames = 3 }, everyFrame: false);

        Assert.False(plan.CameraMoving);
        Assert.Empty(plan.Cuts);
        Assert.Single(plan.Shots);
        Assert.Equal(5, plan.Keys.Count);                  // ceil(10 s / 60 × 30)
        Assert.All(plan.Keys, k => Assert.InRange(k, 1, 298));
        Assert.Equal(plan.Keys.Order(), plan.Keys);
    }

    [Fact]
    public void Plan_MuchMotion_OneKeyPerMotionPerKeyFrameBeyondTheTimeBudget()
    {
        // The same swaying square: the time budget gives 5 keys; one key per a tenth of the clip's motion gives 10.
        var frames = Enumerable.Range(0, 300).Select(i => Signature(Scene(20 + (i % 20 < 10 ? i % 10 : 10 - (i % 10)), 20, 30, 128))).ToList();
        double motion = KeyFramePlanner.Plan(frames, 30, new MattingOptions { KeyFramesPerMinute = 30, MotionPerKeyFrame = 0 }, everyFrame: false).Motion;

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions { KeyFramesPerMinute = 30, MotionPerKeyFrame = motion / 10 }, everyFrame: false);
        KeyFramePlan calm = KeyFramePlanner.Plan(frames, 30, new MattingOptions { KeyFramesPerMinute = 30, MotionPerKeyFrame = motion }, everyFrame: false);

        Assert.True(motion > 0);
        Assert.Equal(10, plan.Keys.Count);
        Assert.Equal(5, calm.Keys.Count);                  // the time budget is the floor
    }

    [Fact]
    public void Plan_JumpCut_TwoShotsEachWithAKey()
    {
        var frames = Enumerable.Range(0, 120).Select(i => Signature(i < 70 ? Scene(10, 10, 20, 128) : Scene(30, 30, 25, 200))).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions { MinKeyFrames = 2 }, everyFrame: false);

        Assert.Equal([70], plan.Cuts);
        Assert.Equal([(0, 70), (70, 120)], plan.Shots.Select(s => (s.Start, s.End)));
        Assert.Contains(plan.Keys, k => k < 70);
        Assert.Contains(plan.Keys, k => k >= 70);
    }

    [Fact]
    public void Plan_SameFramingOtherShirtColour_CutFoundByTheColours()
    {
        // The lower third turns from red to green at the same luma (a shirt of another colour in another take).
        var frames = Enumerable.Range(0, 90).Select(i => Signature(Scene(20, 10, 24, 150, shirt: i < 45 ? ((byte)200, (byte)60, (byte)60) : ((byte)30, (byte)120, (byte)86)))).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions(), everyFrame: false);

        Assert.Equal([45], plan.Cuts);
    }

    [Fact]
    public void Plan_SameFramingOtherLight_CutFound()
    {
        var frames = Enumerable.Range(0, 90).Select(i => Signature(Scene(20, 10, 24, 150, light: i < 40 ? 0 : 22))).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions(), everyFrame: false);

        Assert.Equal([40], plan.Cuts);
    }

    [Fact]
    public void Plan_PanningCamera_MovingWithDenseKeys()
    {
        // A textured scene sliding sideways: the border changes everywhere.
        var frames = Enumerable.Range(0, 90).Select(i =>
        {
            var rgb = new byte[S * S * 3];
            for (int y = 0; y < S; y++) { for (int x = 0; x < S; x++) { rgb.AsSpan(((y * S) + x) * 3, 3).Fill((byte)(((x + (i * 2)) / 4 % 2 == 0) ? 40 : 220)); } }
            return Signature(rgb);
        }).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 30, new MattingOptions(), everyFrame: false);

        Assert.True(plan.CameraMoving);
        Assert.Empty(plan.Cuts);
        Assert.Equal(7, plan.Keys.Count);                  // every 15 frames (0.5 s) plus the last
    }

    [Fact]
    public void Plan_EveryFrame_AllFramesAreKeys()
    {
        var frames = Enumerable.Range(0, 12).Select(_ => Signature(Scene(5, 5, 10, 90))).ToList();

        KeyFramePlan plan = KeyFramePlanner.Plan(frames, 25, new MattingOptions(), everyFrame: true);

        Assert.Equal(Enumerable.Range(0, 12), plan.Keys);
    }

    private static FrameSignature Signature(byte[] rgb) => FrameSignature.From(rgb, S, S);

    /// <summary>A grey wall with a square "person" and a coloured "shirt" band across the lower third.</summary>
    private static byte[] Scene(int x0, int y0, int size, byte value, (byte R, byte G, byte B)? shirt = null, int light = 0)
    {
        var rgb = new byte[S * S * 3];
        for (int y = 0; y < S; y++)
        {
            for (int x = 0; x < S; x++)
            {
                bool person = x >= x0 && x < x0 + size && y >= y0 && y < y0 + size;
                (byte r, byte g, byte b) = y >= S * 2 / 3 && shirt is { } s ? s : person ? (value, value, value) : ((byte)60, (byte)60, (byte)60);
                int j = ((y * S) + x) * 3;
                rgb[j] = (byte)Math.Min(255, r + light);
                rgb[j + 1] = (byte)Math.Min(255, g + light);
                rgb[j + 2] = (byte)Math.Min(255, b + light);
            }
        }
        return rgb;
    }
}
