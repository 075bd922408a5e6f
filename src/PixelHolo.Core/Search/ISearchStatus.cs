namespace PixelHolo.Core.Search;

/// <summary>How web search is set up and how the last search went, for the status page and `pixelholo doctor`.</summary>
public interface ISearchStatus
{
    /// <summary>A JSON-serialisable snapshot: provider order, budget, cache TTL and the last search (when, succeeded or
    /// not, provider, failure reason and detail, from cache, elapsed ms). The visitor's query is never included.</summary>
    object Current { get; }
}
