namespace PixelHolo.Core.Search;

/// <summary>How web search is set up and how the last search went, for the status page and `pixelholo doctor`.</summary>
public interface ISearchStatus
{
    /// <summary>Provider order, budget, cache TTL and the last search. The visitor's query is never included.</summary>
    SearchStatusSnapshot Current { get; }
}

/// <summary>Search as GET /api/status/turns shows it ("search").</summary>
/// <param name="Providers">The providers in the order they are tried.</param>
/// <param name="SearxngConfigured">Whether Search:SearxngBaseUrl is set.</param>
/// <param name="TurnBudgetSeconds">How long a turn waits for search.</param>
/// <param name="CacheTtlMinutes">How long a result is reused.</param>
/// <param name="Last">The last search of any conversation; null before the first.</param>
public sealed record SearchStatusSnapshot(
    IReadOnlyList<string> Providers, bool SearxngConfigured, double TurnBudgetSeconds, double CacheTtlMinutes, LastSearch? Last);

/// <summary>How the last search went (the failure's detail included, so an operator can see why searches fail).</summary>
/// <param name="FailureReason">Why it failed; null when it succeeded.</param>
public sealed record LastSearch(DateTimeOffset AtUtc, bool Succeeded, string? Provider, SearchFailureReason? FailureReason, string? FailureDetail,
    bool FromCache, double ElapsedMs);
