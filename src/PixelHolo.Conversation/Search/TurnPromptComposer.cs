using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

internal sealed class TurnPromptComposer(IFreshnessLine freshness, ISearchContextFormatter formatter) : ITurnPromptComposer
{
    public string BuildSystemPrompt(string personaPrompt)
    {
        ArgumentNullException.ThrowIfNull(personaPrompt);
        return $"{personaPrompt.TrimEnd()}\n\n{freshness.Build()}\n\n{formatter.Instructions}";
    }

    public string BuildUserMessage(string utterance, SearchOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        return outcome is null ? utterance : $"{formatter.Format(outcome)}\n\nThe visitor asked: {utterance}";
    }
}
