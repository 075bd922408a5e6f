using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Search;

[Collection(nameof(LoopbackSearchGroup))]
public sealed class DuckDuckGoSearchProviderTests(LoopbackSearchServer server)
{
    private async Task<SearchOutcome> SearchAsync(string scenario, int maxResults = 4)
    {
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", scenario)));
        ISearchProvider provider = services.GetServices<ISearchProvider>().Single(p => p.Name == "DuckDuckGo");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await provider.SearchAsync("weather glasgow tomorrow", maxResults, guard.Token);
    }

    [Fact]
    public async Task SearchAsync_ResultsPage_ParsesOrganicResultsWithRealUrlsAndPlainText()
    {
        var outcome = Assert.IsType<SearchSucceeded>(await SearchAsync("ok"));

        Assert.Equal(3, outcome.Results.Count); // the ad is skipped
        SearchResult first = outcome.Results[0];
        Assert.Equal("Glasgow (Glasgow City) weather - Met Office", first.Title);
        Assert.Equal(new Uri("https://www.metoffice.gov.uk/weather/forecast/gcuvz3bch"), first.Url);
        Assert.Equal("Tomorrow: light rain clearing by midday, highs of 9°C, winds 20 mph from the south west.", first.Snippet);
        Assert.Equal("DuckDuckGo", first.Source);
        Assert.StartsWith("Café culture", outcome.Results[2].Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.Results, r => r.Url.Host.Contains("duckduckgo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_MaxResultsTwo_ReturnsTwo()
    {
        var outcome = Assert.IsType<SearchSucceeded>(await SearchAsync("ok", maxResults: 2));
        Assert.Equal(2, outcome.Results.Count);
    }

    [Theory]
    [InlineData("empty", SearchFailureReason.NoResults)]
    [InlineData("error", SearchFailureReason.HttpError)]
    [InlineData("malformed", SearchFailureReason.Malformed)]
    public async Task SearchAsync_BadAnswer_ReturnsTypedFailure(string scenario, SearchFailureReason expected)
    {
        var failed = Assert.IsType<SearchFailed>(await SearchAsync(scenario));
        Assert.Equal(expected, failed.Reason);
        Assert.Equal("weather glasgow tomorrow", failed.Query);
    }

    [Fact]
    public async Task SearchAsync_NothingListening_ReturnsUnreachable()
    {
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: new Uri("http://127.0.0.1:9/")));
        ISearchProvider provider = services.GetServices<ISearchProvider>().Single(p => p.Name == "DuckDuckGo");

        var failed = Assert.IsType<SearchFailed>(await provider.SearchAsync("anything", 4));

        Assert.Equal(SearchFailureReason.Unreachable, failed.Reason);
    }

    [Theory]
    [InlineData("//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1&rut=x", "https://example.com/a?b=1")]
    [InlineData("https://example.org/page", "https://example.org/page")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("", null)]
    public void RealUrl_Href_DecodesRedirectOrRejects(string href, string? expected)
    {
        Assert.Equal(expected, DuckDuckGoSearchProvider.RealUrl(href)?.AbsoluteUri);
    }
}
