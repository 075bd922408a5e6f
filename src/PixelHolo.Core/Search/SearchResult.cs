namespace PixelHolo.Core.Search;

/// <summary>One web result. Everything in it came from a third party and is untrusted text.</summary>
/// <param name="Title">Page title, plain text.</param>
/// <param name="Snippet">Excerpt shown by the provider, plain text.</param>
/// <param name="Url">The page itself (not a provider redirect).</param>
/// <param name="Source">Provider that found it ("DuckDuckGo", "SearXNG", "Wikipedia").</param>
/// <param name="RetrievedAtUtc">When the provider answered.</param>
public sealed record SearchResult(string Title, string Snippet, Uri Url, string Source, DateTimeOffset RetrievedAtUtc);
