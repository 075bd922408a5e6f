using System.Net;
using System.Text.Json;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Search;

/// <summary>The HTTP part every provider shares: one GET, its failures turned into typed outcomes.</summary>
internal static class SearchHttp
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the providers use (no timeout of its own:
    /// the orchestrator's per-turn budget cancels it).</summary>
    public const string ClientName = "search";

    /// <summary>The body of a successful GET, or the failure to return instead. 404 is "no results" (Wikipedia).</summary>
    public static async Task<(string? Body, SearchFailed? Failure)> GetAsync(
        HttpClient http, string provider, string query, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (null, new SearchFailed(query, SearchFailureReason.NoResults, $"{provider}: nothing found (HTTP 404 from {WithoutQuery(url)})."));
            }
            if (!response.IsSuccessStatusCode)
            {
                return (null, new SearchFailed(query, SearchFailureReason.HttpError,
                    $"{provider}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {WithoutQuery(url)}."));
            }
            return (await response.Content.ReadAsStringAsync(cancellationToken), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, new SearchFailed(query, SearchFailureReason.Unreachable,
                $"{provider}: could not reach {url.GetLeftPart(UriPartial.Authority)} ({ex.Message}). Check the network or Search options."));
        }
    }

    /// <summary>The URL for logs and the status page: the query string (the visitor's words) left out, since
    /// visitor content is logged only at Trace.</summary>
    /// <summary>Parses a provider's JSON answer and reads it with <paramref name="read"/>; an answer that is not JSON is a
    /// Malformed failure naming the provider (the one place for that rule). A JsonDocument, not records: a third party's
    /// format, read field by field so that a missing or mistyped field skips one result instead of failing the search.</summary>
    public static SearchOutcome ParseJson(string query, string provider, string json, Func<JsonElement, SearchOutcome> read)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            return new SearchFailed(query, SearchFailureReason.Malformed, $"{provider}: the answer is not JSON ({ex.Message}).");
        }
    }

    /// <summary>The string property <paramref name="name"/> of a JSON object, or null when absent or not a string.</summary>
    public static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string WithoutQuery(Uri url) => url.GetLeftPart(UriPartial.Path);

    /// <summary>Whitespace collapsed, trimmed; HTML already decoded by the parser.</summary>
    public static string Clean(string? text) =>
        text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
