using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Core.Search;

/// <summary>Web search for time-sensitive questions.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>The order used when <see cref="Providers"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultProviders { get; } = ["Wikipedia", "SearXNG", "DuckDuckGo"];

    /// <value>Providers in the order they are tried: any of "Wikipedia", "SearXNG", "DuckDuckGo". Wikipedia only
    /// answers "who/what is X" questions; SearXNG only when <see cref="SearxngBaseUrl"/> is set.
    /// Default empty, meaning Wikipedia, SearXNG, DuckDuckGo (an empty list, because configuration binding appends
    /// to a pre-filled one). Env: PIXELHOLO_Search__Providers__0=DuckDuckGo, …</value>
    public IList<string> Providers { get; } = [];

    /// <summary><see cref="Providers"/>, or <see cref="DefaultProviders"/> when none are configured.</summary>
    public IReadOnlyList<string> ProviderOrder => Providers.Count > 0 ? [.. Providers] : DefaultProviders;

    /// <value>Total time one turn may spend searching, retry included, 0.2 to 30 s. Default 3 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.2", "00:00:30")]
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <value>How long results for a query are reused, 0 (no cache) to 1 day. Default 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>Results handed to the model, 1 to 10. Default 4 (as the original).</value>
    [Range(1, 10)]
    public int MaxResults { get; set; } = 4;

    /// <value>DuckDuckGo's HTML endpoint (no key needed). Default https://html.duckduckgo.com/.</value>
    [Required]
    public Uri DuckDuckGoBaseUrl { get; set; } = new("https://html.duckduckgo.com/");

    /// <value>A SearXNG instance with the JSON format enabled (settings.yml search.formats: json), e.g.
    /// http://127.0.0.1:8888/. Default empty: SearXNG is skipped.</value>
    public Uri? SearxngBaseUrl { get; set; }

    /// <value>Wikipedia site for the REST summary API. Default https://en.wikipedia.org/.</value>
    [Required]
    public Uri WikipediaBaseUrl { get; set; } = new("https://en.wikipedia.org/");

    /// <value>User-Agent sent to providers (Wikipedia asks for a contact). Default "PixelHolo/1.0 (kiosk avatar)".</value>
    [Required]
    public string UserAgent { get; set; } = "PixelHolo/1.0 (kiosk avatar; https://github.com/pixelholo)";
}
