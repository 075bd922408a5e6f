using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Conversation.Prompting;

/// <summary>Builds the system prompt of every turn: the shared base, today's date and local time and the kiosk's location
/// (computed per turn — the original froze the date at upload), then the person's personality text, then any turn context.</summary>
public sealed class PersonaPromptBuilder(IOptions<ConversationOptions> options, TimeProvider time)
{
    public string Build(AvatarProfile profile, IEnumerable<string>? turnContext = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ConversationOptions o = options.Value;
        DateTimeOffset now = time.GetLocalNow();
        var prompt = new StringBuilder(o.BasePrompt.Trim());
        prompt.Append("\n\nToday is ").Append(now.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture))
              .Append(", local time ").Append(now.ToString("HH:mm", CultureInfo.InvariantCulture))
              .Append(" (UTC").Append(now.Offset >= TimeSpan.Zero ? "+" : "-").Append(now.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture)).Append(").");
        if (!string.IsNullOrWhiteSpace(o.Location)) { prompt.Append(" You are at ").Append(o.Location.Trim()).Append('.'); }
        prompt.Append("\n\nYour name is ").Append(profile.Name).Append('.');
        if (!string.IsNullOrWhiteSpace(profile.Personality))
        {
            prompt.Append("\n\nPersonality and identity (stay in this character):\n").Append(profile.Personality.Trim());
        }
        foreach (string context in turnContext ?? [])
        {
            if (!string.IsNullOrWhiteSpace(context)) { prompt.Append("\n\n").Append(context.Trim()); }
        }
        return prompt.ToString();
    }
}
