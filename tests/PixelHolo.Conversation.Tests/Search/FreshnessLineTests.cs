using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Conversation;

namespace PixelHolo.Conversation.Tests.Search;

public sealed class FreshnessLineTests
{
    [Fact]
    public void Build_LocationAndZone_StatesDateLocalTimeAndPlace()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 4, 22, 5, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Test+1", TimeSpan.FromHours(1), "Test+1", "Test+1"));
        var line = new FreshnessLine(time, Options.Create(new ConversationOptions { Location = "Glasgow, UK" }));

        Assert.Equal("Today is Saturday 4 July 2026. The local time is 23:05 (UTC+01:00). You are in Glasgow, UK.", line.Build());
    }

    [Fact]
    public void Build_EachTurn_UsesTheCurrentTimeNotAFrozenOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 59, 0, TimeSpan.Zero));
        var line = new FreshnessLine(time, Options.Create(new ConversationOptions()));
        string before = line.Build();

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.StartsWith("Today is Wednesday 25 November 2026. The local time is 23:59", before, StringComparison.Ordinal);
        Assert.StartsWith("Today is Thursday 26 November 2026. The local time is 00:01", line.Build(), StringComparison.Ordinal);
        Assert.Contains("location has not been configured", before, StringComparison.Ordinal);
    }
}
