namespace PixelHolo.Core.Search;

/// <summary>The search stage of a turn: builds the query from the utterance, tries the providers in the
/// configured order within the per-turn time budget (one retry inside it) and caches results per query.</summary>
public interface ISearchOrchestrator
{
    /// <param name="utterance">What the visitor said, as transcribed.</param>
    /// <param name="previousQuery">The query of the previous searched turn, to complete follow-ups ("and tomorrow?").</param>
    /// <returns>Results, or a failure with its reason; <see cref="SearchOutcome.Query"/> is the query used.</returns>
    Task<SearchOutcome> SearchAsync(string utterance, string? previousQuery, CancellationToken cancellationToken = default);
}
