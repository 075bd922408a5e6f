using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>Wikipedia's REST summary (<c>GET /api/rest_v1/page/summary/{title}</c>) for "who/what is X" questions:
/// <c>{"type": "standard", "title", "description", "extract", "content_urls": {"desktop": {"page": …}}}</c>;
/// a missing page is 404, an ambiguous one has type "disambiguation". Other questions are not its business.</summary>
internal sealed partial class WikipediaSearchProvider(IHttpClientFactory httpClients, IOptions<SearchOptions> options, TimeProvider time)
    : ISearchProvider
{
    public const string ProviderName = "Wikipedia";

    public string Name => ProviderName;

    /// <summary>"who is elon musk" → "Elon Musk"; null when the query is not an entity question.</summary>
    internal static string? EntityTitle(string query)
    {
        Match match = EntityQuestion().Match(query.Trim().ToLowerInvariant());
        if (!match.Success) { return null; }
        string entity = match.Groups["entity"].Value.Trim();
        if (entity.Split(' ').Length > 5) { return null; }
        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(entity);
    }

    public async Task<SearchOutcome> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (EntityTitle(query) is not { } title)
        {
            return new SearchFailed(query, SearchFailureReason.NotApplicable, $"{Name}: not a who/what-is question.");
        }
        var url = new Uri(options.Value.WikipediaBaseUrl, $"api/rest_v1/page/summary/{Uri.EscapeDataString(title.Replace(' ', '_'))}");
        var (body, failure) = await SearchHttp.GetAsync(httpClients.CreateClient(SearchHttp.ClientName), Name, query, url, cancellationToken);
        if (failure is not null) { return failure; }
        return Parse(query, body!, time.GetUtcNow());
    }

    internal static SearchOutcome Parse(string query, string json, DateTimeOffset retrievedAtUtc)
    {
        return SearchHttp.ParseJson(query, ProviderName, json, root =>
        {
            string? type = SearchHttp.Text(root, "type");
            if (type == "disambiguation")
            {
                return new SearchFailed(query, SearchFailureReason.NoResults, $"{ProviderName}: the title is ambiguous (disambiguation page).");
            }
            string title = SearchHttp.Clean(SearchHttp.Text(root, "title"));
            string extract = SearchHttp.Clean(SearchHttp.Text(root, "extract"));
            string? page = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("content_urls", out JsonElement urls)
                && urls.ValueKind == JsonValueKind.Object && urls.TryGetProperty("desktop", out JsonElement desktop)
                ? SearchHttp.Text(desktop, "page") : null;
            if (type is null || title.Length == 0 || extract.Length == 0 || !Uri.TryCreate(page, UriKind.Absolute, out Uri? url))
            {
                return new SearchFailed(query, SearchFailureReason.Malformed, $"{ProviderName}: the summary lacks type, title, extract or content_urls.desktop.page.");
            }
            return new SearchSucceeded(query, [new SearchResult(title, extract, url, ProviderName, retrievedAtUtc)], ProviderName);
        });
    }

    // Entity questions only: "who is X", "what was X". Not "who is the president of …" (a role that changes:
    // general search answers that better) nor "what is the weather …".
    [GeneratedRegex(@"^(?:who|what)(?: is|'s| was| are| were)\s+(?!the |a |an |it |there |going |happening |on |new |latest |your |my )(?<entity>[a-z0-9' .-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EntityQuestion();
}
