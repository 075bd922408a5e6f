namespace PixelHolo.Conversation.Search;

/// <summary>Turns what the visitor said into a web query: strips filler ("hey can you tell me") and completes a
/// follow-up ("and tomorrow?") from the previous turn's query.</summary>
public interface ISearchQueryBuilder
{
    string Build(string utterance, string? previousQuery);
}
