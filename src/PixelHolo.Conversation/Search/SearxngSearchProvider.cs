using System.Text.Json;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>A SearXNG instance's JSON API: <c>GET /search?q=…&amp;format=json</c> answers
/// <c>{"query": …, "number_of_results": …, "results": [{"url", "title", "content", "engine", …}], "answers": […], …}</c>.
/// The instance must allow the json format (settings.yml: <c>search.formats</c>); otherwise it answers 403.</summary>
internal sealed class SearxngSearchProvider(IHttpClientFactory httpClients, IOptions<SearchOptions> options, TimeProvider time)
    : ISearchProvider
{
    public const string ProviderName = "SearXNG";

    public string Name => ProviderName;

    public async Task<SearchOutcome> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (options.Value.SearxngBaseUrl is not { } baseUrl)
        {
            return new SearchFailed(query, SearchFailureReason.NotApplicable, $"{Name}: Search:SearxngBaseUrl is not set.");
        }
        var url = new Uri(baseUrl, $"search?q={Uri.EscapeDataString(query)}&format=json");
        var (body, failure) = await SearchHttp.GetAsync(httpClients.CreateClient(SearchHttp.ClientName), Name, query, url, cancellationToken);
        if (failure is not null)
        {
            return failure.Detail.Contains("HTTP 403", StringComparison.Ordinal)
                ? failure with { Detail = failure.Detail + " Enable the json format in the instance's settings.yml (search: formats: [html, json])." }
                : failure;
        }
        return Parse(query, body!, maxResults, time.GetUtcNow());
    }

    internal static SearchOutcome Parse(string query, string json, int maxResults, DateTimeOffset retrievedAtUtc)
    {
        return SearchHttp.ParseJson(query, ProviderName, json, root =>
        {
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("results", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
            {
                return new SearchFailed(query, SearchFailureReason.Malformed, $"{ProviderName}: the answer has no \"results\" array.");
            }
            var results = new List<SearchResult>();
            foreach (JsonElement item in items.EnumerateArray())
            {
                string title = SearchHttp.Clean(SearchHttp.Text(item, "title"));
                if (title.Length == 0 || !Uri.TryCreate(SearchHttp.Text(item, "url"), UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
                {
                    continue;
                }
                results.Add(new SearchResult(title, SearchHttp.Clean(SearchHttp.Text(item, "content")), url, ProviderName, retrievedAtUtc));
                if (results.Count == maxResults) { break; }
            }
            return results.Count > 0
                ? new SearchSucceeded(query, results, ProviderName)
                : new SearchFailed(query, SearchFailureReason.NoResults, $"{ProviderName}: no results.");
        });
    }
}
