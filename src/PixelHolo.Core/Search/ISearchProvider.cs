namespace PixelHolo.Core.Search;

/// <summary>One web search engine. Returns a typed outcome instead of throwing for the engine's own failures
/// (HTTP errors, unreadable pages); throws only <see cref="OperationCanceledException"/> when cancelled.</summary>
public interface ISearchProvider
{
    /// <summary>Name used in <c>Search:Providers</c> and as the results' source ("DuckDuckGo").</summary>
    string Name { get; }

    Task<SearchOutcome> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default);
}
