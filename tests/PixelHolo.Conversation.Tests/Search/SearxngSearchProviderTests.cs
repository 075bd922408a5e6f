using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Search;

[Collection(nameof(LoopbackSearchGroup))]
public sealed class SearxngSearchProviderTests(LoopbackSearchServer server)
{
    private static async Task<SearchOutcome> SearchAsync(Uri? baseUrl)
    {
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(searxng: baseUrl));
        ISearchProvider provider = services.GetServices<ISearchProvider>().Single(p => p.Name == "SearXNG");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await provider.SearchAsync("weather glasgow tomorrow", 4, guard.Token);
    }

    [Fact]
    public async Task SearchAsync_JsonResults_ParsesUsableResults()
    {
        var outcome = Assert.IsType<SearchSucceeded>(await SearchAsync(server.BaseUrl("searxng", "ok")));

        Assert.Equal(2, outcome.Results.Count); // the javascript: URL is skipped
        Assert.Equal("Glasgow (Glasgow City) weather - Met Office", outcome.Results[0].Title);
        Assert.Equal("Tomorrow: light rain clearing by midday, highs of 9°C.", outcome.Results[0].Snippet);
        Assert.Equal(new Uri("https://www.bbc.co.uk/weather/2648579"), outcome.Results[1].Url);
        Assert.All(outcome.Results, r => Assert.Equal("SearXNG", r.Source));
    }

    [Theory]
    [InlineData("empty", SearchFailureReason.NoResults)]
    [InlineData("error", SearchFailureReason.HttpError)]
    [InlineData("forbidden", SearchFailureReason.HttpError)]
    [InlineData("malformed", SearchFailureReason.Malformed)]
    public async Task SearchAsync_BadAnswer_ReturnsTypedFailure(string scenario, SearchFailureReason expected)
    {
        var failed = Assert.IsType<SearchFailed>(await SearchAsync(server.BaseUrl("searxng", scenario)));
        Assert.Equal(expected, failed.Reason);
    }

    [Fact]
    public async Task SearchAsync_Forbidden_DetailSaysHowToEnableJson()
    {
        var failed = Assert.IsType<SearchFailed>(await SearchAsync(server.BaseUrl("searxng", "forbidden")));
        Assert.Contains("settings.yml", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_NoBaseUrl_ReturnsNotApplicable()
    {
        var failed = Assert.IsType<SearchFailed>(await SearchAsync(null));
        Assert.Equal(SearchFailureReason.NotApplicable, failed.Reason);
    }
}
