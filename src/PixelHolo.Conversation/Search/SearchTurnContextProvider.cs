using PixelHolo.Core.Conversation;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>The search stage as the turn engine's <see cref="ITurnContextProvider"/>: classifies the question and,
/// when it needs the internet, searches (publishing Searching / SearchFailed), records the "search" timing, keeps
/// the query for the next turn's follow-ups, and returns the search rules and the delimited results block — or the
/// plain statement that the search failed. Nothing when no search was needed.</summary>
internal sealed class SearchTurnContextProvider(ISearchStage stage, ISearchContextFormatter formatter, TimeProvider time) : ITurnContextProvider
{
    /// <summary>Key in <see cref="TurnState.Values"/> of the last searched query.</summary>
    public const string PreviousQueryKey = "search.previousQuery";

    public async Task<IReadOnlyList<string>> PrepareAsync(string question, TurnState state, IStageEvents events, TurnTimings timings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timings);
        state.Values.TryGetValue(PreviousQueryKey, out string? previousQuery);
        long started = time.GetTimestamp();
        SearchStageResult result = await stage.RunAsync(question, previousQuery, events, cancellationToken);
        if (result.Outcome is null) { return []; }
        timings.Record("search", time.GetElapsedTime(started));
        state.Values[PreviousQueryKey] = result.Outcome.Query;
        return [formatter.Instructions, formatter.Format(result.Outcome)];
    }
}
