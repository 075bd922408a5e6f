using PixelHolo.TestSupport;
using PixelHolo.Tracking.Control;
using Microsoft.Extensions.Time.Testing;

namespace PixelHolo.Tracking.Tests.Control;

public sealed class CommandGateTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CommandGate _gate = new(TimeSpan.FromMilliseconds(100));

    [Fact]
    public void Offer_SameCommandAgain_IsNotResent()
    {
        Assert.NotNull(_gate.Offer([1], _time.GetTimestamp(), _time));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(_gate.Offer([1], _time.GetTimestamp(), _time));
    }

    [Fact]
    public void Offer_ChangedTooSoon_WaitsAndSendsTheNewestWhenItsTurnComes()
    {
        Assert.NotNull(_gate.Offer([1], _time.GetTimestamp(), _time));
        _time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Null(_gate.Offer([2], _time.GetTimestamp(), _time));
        _time.Advance(TimeSpan.FromMilliseconds(30));
        Assert.Null(_gate.Offer([3], _time.GetTimestamp(), _time));
        _time.Advance(TimeSpan.FromMilliseconds(40));

        Assert.Equal([3], _gate.Poll(_time.GetTimestamp(), _time));
    }

    [Fact]
    public void Offer_ChangeBackBeforeItsTurn_SendsNothing()
    {
        _gate.Offer([1], _time.GetTimestamp(), _time);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _gate.Offer([2], _time.GetTimestamp(), _time);
        _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Null(_gate.Offer([1], _time.GetTimestamp(), _time));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_gate.Poll(_time.GetTimestamp(), _time));
    }

    [Fact]
    public void Reset_AfterReconnect_ResendsTheSameCommand()
    {
        _gate.Offer([1], _time.GetTimestamp(), _time);
        _time.Advance(TimeSpan.FromSeconds(1));
        _gate.Reset();

        Assert.Equal([1], _gate.Offer([1], _time.GetTimestamp(), _time));
    }
}
