using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>The "needs the internet?" decision and the search of one turn. The turn state machine shows the states
/// (Searching while <see cref="SearchAsync"/> runs, SearchFailed when it returns a failure); this stage publishes none.</summary>
public interface ISearchStage
{
    /// <summary>Detail shown with the SearchFailed state: plain words, never the provider's error.</summary>
    public const string FailedDetail = "Could not check the web just now; answering from what I know.";

    /// <summary>Whether <paramref name="utterance"/> needs a web search (the intent classifier, in process, fast).</summary>
    IntentPrediction Classify(string utterance);

    /// <summary>Searches; a provider failure is returned as <see cref="SearchFailed"/> (the turn goes on, and the model is
    /// told the search failed), never thrown. <paramref name="previousQuery"/> makes follow-ups ("and tomorrow?") work.</summary>
    Task<SearchOutcome> SearchAsync(string utterance, string? previousQuery, CancellationToken cancellationToken = default);
}
