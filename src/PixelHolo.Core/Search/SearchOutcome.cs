namespace PixelHolo.Core.Search;

/// <summary>The result of searching the web for one query: either <see cref="SearchSucceeded"/> with results
/// or <see cref="SearchFailed"/> with a reason. A failure is never presented to the model as results.</summary>
/// <param name="Query">The query that was sent (after filler was stripped and follow-ups completed).</param>
public abstract record SearchOutcome(string Query);

/// <summary>At least one result came back.</summary>
/// <param name="Provider">Provider that answered.</param>
/// <param name="FromCache">True when the results were served from the per-query cache.</param>
public sealed record SearchSucceeded(string Query, IReadOnlyList<SearchResult> Results, string Provider, bool FromCache = false)
    : SearchOutcome(Query);

/// <summary>No usable result. <see cref="Detail"/> is for logs only and must never reach the prompt.</summary>
/// <param name="Reason">Why, as a category the prompt and the stage page can state.</param>
/// <param name="Detail">What happened, for the log ("DuckDuckGo: HTTP 500 from https://…").</param>
public sealed record SearchFailed(string Query, SearchFailureReason Reason, string Detail) : SearchOutcome(Query);
