using System.Text;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Conversation.Prompting;

/// <summary>Builds the persona part of the system prompt: the shared base, the avatar's name and its personality text.
/// The turn's prompt composer appends the date, time, location and search rules on every turn.</summary>
public sealed class PersonaPromptBuilder(IOptions<ConversationOptions> options)
{
    public string Build(AvatarProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ConversationOptions o = options.Value;
        var prompt = new StringBuilder(o.BasePrompt.Trim());
        prompt.Append("\n\nYour name is ").Append(profile.Name).Append('.');
        if (!string.IsNullOrWhiteSpace(profile.Personality))
        {
            prompt.Append("\n\nPersonality and identity (stay in this character):\n").Append(profile.Personality.Trim());
        }
        return prompt.ToString();
    }
}
