using PixelHolo.Core.Conversation;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>The "needs the internet?" decision and the search of one turn, with its stage states: Searching while it
/// runs, SearchFailed when it fails (the turn goes on, and the model is told the search failed).</summary>
public interface ISearchStage
{
    Task<SearchStageResult> RunAsync(string utterance, string? previousQuery, IStageEvents events, CancellationToken cancellationToken = default);
}

/// <summary>What the search stage decided and found.</summary>
/// <param name="Intent">The classifier's decision.</param>
/// <param name="Outcome">Results or failure; null when the utterance did not need a search.</param>
public sealed record SearchStageResult(IntentPrediction Intent, SearchOutcome? Outcome)
{
    /// <summary>The query sent, to pass as the next turn's previous query; null when nothing was searched.</summary>
    public string? Query => Outcome?.Query;
}
