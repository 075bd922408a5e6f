using PixelHolo.Core.Vision;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Targeting;
using Microsoft.Extensions.Time.Testing;

namespace PixelHolo.Tracking.Tests.Targeting;

public sealed class TargetSelectorTests
{
    private readonly FakeTimeProvider _time = new();

    private static DetectedFace Face(float x, float size) => new(x, 100, size, size, 0.9f, []);

    [Fact]
    public void Next_TwoFaces_FollowsTheLargest()
    {
        var selector = new TargetSelector(new TrackingOptions(), _time);
        DetectedFace small = Face(50, 80), large = Face(400, 120);

        TargetDecision decision = selector.Next([small, large], _time.GetTimestamp());

        Assert.Equal(TargetEvent.Acquired, decision.Event);
        Assert.Same(large, decision.Face);
    }

    [Fact]
    public void Next_OtherFaceGrowsSlightlyLarger_KeepsFollowingTheFirst()
    {
        var selector = new TargetSelector(new TrackingOptions { SwitchAreaRatio = 1.5 }, _time);
        selector.Next([Face(50, 110), Face(400, 100)], _time.GetTimestamp());

        // The other person is now 1.2× larger in area: not enough to take over.
        TargetDecision decision = selector.Next([Face(52, 100), Face(400, 110)], _time.GetTimestamp());

        Assert.Equal(TargetEvent.Following, decision.Event);
        Assert.Equal(52, decision.Face!.X);
    }

    [Fact]
    public void Next_OtherFaceMuchLarger_TakesOver()
    {
        var selector = new TargetSelector(new TrackingOptions { SwitchAreaRatio = 1.5 }, _time);
        selector.Next([Face(50, 100), Face(400, 90)], _time.GetTimestamp());

        TargetDecision decision = selector.Next([Face(50, 100), Face(400, 160)], _time.GetTimestamp());

        Assert.Equal(400, decision.Face!.X);
    }

    [Fact]
    public void Next_FaceGone_LostAtOnceThenHomeOnceAfterTheWait()
    {
        var selector = new TargetSelector(new TrackingOptions { ReturnHomeAfter = TimeSpan.FromSeconds(5) }, _time);
        selector.Next([Face(50, 100)], _time.GetTimestamp());

        Assert.Equal(TargetEvent.Lost, selector.Next([], _time.GetTimestamp()).Event);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(TargetEvent.None, selector.Next([], _time.GetTimestamp()).Event);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(TargetEvent.GoHome, selector.Next([], _time.GetTimestamp()).Event);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TargetEvent.None, selector.Next([], _time.GetTimestamp()).Event);
    }

    [Fact]
    public void Next_NobodyFromTheStart_NeverGoesHome()
    {
        var selector = new TargetSelector(new TrackingOptions { ReturnHomeAfter = TimeSpan.FromSeconds(1) }, _time);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TargetEvent.None, selector.Next([], _time.GetTimestamp()).Event);
    }
}
