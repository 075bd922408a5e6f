using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>Puts a turn's prompt together: the system prompt (persona, freshness line, search rules) and the
/// visitor's message (search block or failure statement first, then what the visitor said).</summary>
public interface ITurnPromptComposer
{
    /// <summary>The persona's prompt (ConversationOptions.BasePrompt + personality) with today's date, the local
    /// time, the location and the search rules appended. Results never enter the system prompt.</summary>
    string BuildSystemPrompt(string personaPrompt);

    /// <summary>The user message: <paramref name="utterance"/> alone, or preceded by the formatted search outcome.</summary>
    string BuildUserMessage(string utterance, SearchOutcome? outcome);
}
