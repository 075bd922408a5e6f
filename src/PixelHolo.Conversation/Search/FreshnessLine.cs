using System.Globalization;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Conversation;

namespace PixelHolo.Conversation.Search;

/// <summary>"Today is Wednesday 25 November 2026. The local time is 16:40 (UTC+00:00). You are in Glasgow, UK."</summary>
internal sealed class FreshnessLine(TimeProvider time, IOptions<ConversationOptions> options) : IFreshnessLine
{
    public string Build()
    {
        var c = CultureInfo.InvariantCulture;
        DateTimeOffset now = time.GetLocalNow();
        string offset = now.Offset < TimeSpan.Zero ? $"-{now.Offset:hh\\:mm}" : $"+{now.Offset:hh\\:mm}";
        string location = options.Value.Location is { Length: > 0 } place
            ? $"You are in {place.Trim()}."
            : "Your location has not been configured; if asked, say you do not know where you are.";
        return string.Create(c, $"Today is {now:dddd d MMMM yyyy}. The local time is {now:HH:mm} (UTC{offset}). {location}");
    }
}
