using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>DuckDuckGo's no-JavaScript HTML results page (<c>/html/?q=</c>, no key). Each organic result is a
/// <c>div.result</c> with <c>a.result__a</c> (title; href is a <c>//duckduckgo.com/l/?uddg=</c> redirect holding the
/// real URL) and <c>.result__snippet</c>; ads carry <c>result--ad</c>; an empty search shows <c>.no-results</c>.</summary>
internal sealed class DuckDuckGoSearchProvider(IHttpClientFactory httpClients, IOptions<SearchOptions> options, TimeProvider time)
    : ISearchProvider
{
    public const string ProviderName = "DuckDuckGo";

    public string Name => ProviderName;

    public async Task<SearchOutcome> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new Uri(options.Value.DuckDuckGoBaseUrl, $"html/?q={Uri.EscapeDataString(query)}");
        var (body, failure) = await SearchHttp.GetAsync(httpClients.CreateClient(SearchHttp.ClientName), Name, query, url, cancellationToken);
        if (failure is not null) { return failure; }
        return Parse(query, body!, maxResults, url, time.GetUtcNow());
    }

    internal static SearchOutcome Parse(string query, string html, int maxResults, Uri pageUrl, DateTimeOffset retrievedAtUtc)
    {
        using AngleSharp.Html.Dom.IHtmlDocument document = new HtmlParser().ParseDocument(html);
        var results = new List<SearchResult>();
        foreach (IElement result in document.QuerySelectorAll("div.result"))
        {
            if (result.ClassList.Contains("result--ad")) { continue; }
            IElement? link = result.QuerySelector("a.result__a");
            string title = SearchHttp.Clean(link?.TextContent);
            Uri? target = RealUrl(link?.GetAttribute("href"));
            if (title.Length == 0 || target is null) { continue; }
            string snippet = SearchHttp.Clean(result.QuerySelector(".result__snippet")?.TextContent);
            results.Add(new SearchResult(title, snippet, target, ProviderName, retrievedAtUtc));
            if (results.Count == maxResults) { break; }
        }
        if (results.Count > 0) { return new SearchSucceeded(query, results, ProviderName); }
        if (document.QuerySelector(".no-results") is not null || document.QuerySelector("#links") is not null)
        {
            return new SearchFailed(query, SearchFailureReason.NoResults, $"{ProviderName}: no results.");
        }
        return new SearchFailed(query, SearchFailureReason.Malformed,
            $"{ProviderName}: {SearchHttp.WithoutQuery(pageUrl)} did not look like a results page (no div.result, #links or .no-results; {html.Length} characters). " +
            "The page format may have changed or the request was blocked.");
    }

    /// <summary>"//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2F&amp;rut=…" → https://example.com/; a direct http(s) link as is.</summary>
    internal static Uri? RealUrl(string? href)
    {
        if (string.IsNullOrWhiteSpace(href)) { return null; }
        string absolute = href.StartsWith("//", StringComparison.Ordinal) ? "https:" + href : href;
        if (!Uri.TryCreate(absolute, UriKind.Absolute, out Uri? uri)) { return null; }
        if (uri.AbsolutePath == "/l/")
        {
            foreach (string pair in uri.Query.TrimStart('?').Split('&'))
            {
                if (pair.StartsWith("uddg=", StringComparison.Ordinal)
                    && Uri.TryCreate(Uri.UnescapeDataString(pair[5..]), UriKind.Absolute, out Uri? real))
                {
                    uri = real;
                    break;
                }
            }
        }
        return uri.Scheme is "http" or "https" ? uri : null;
    }
}
