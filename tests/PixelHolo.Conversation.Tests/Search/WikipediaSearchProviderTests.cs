using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Search;

[Collection(nameof(LoopbackSearchGroup))]
public sealed class WikipediaSearchProviderTests(LoopbackSearchServer server)
{
    private async Task<SearchOutcome> SearchAsync(string scenario, string query)
    {
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(wikipedia: server.BaseUrl("wiki", scenario)));
        ISearchProvider provider = services.GetServices<ISearchProvider>().Single(p => p.Name == "Wikipedia");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await provider.SearchAsync(query, 4, guard.Token);
    }

    [Fact]
    public async Task SearchAsync_WhoIsQuestion_ReturnsSummaryWithPageUrl()
    {
        var outcome = Assert.IsType<SearchSucceeded>(await SearchAsync("ok", "who is ada lovelace"));

        SearchResult result = Assert.Single(outcome.Results);
        Assert.Equal("Ada Lovelace", result.Title);
        Assert.StartsWith("Augusta Ada King, Countess of Lovelace, was an English mathematician", result.Snippet, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://en.wikipedia.org/wiki/Ada_Lovelace"), result.Url);
        Assert.Equal("Wikipedia", result.Source);
    }

    [Theory]
    [InlineData("ok", "who is xqzvbnwq glorpfish", SearchFailureReason.NoResults)]
    [InlineData("disambiguation", "what is mercury", SearchFailureReason.NoResults)]
    [InlineData("malformed", "who is ada lovelace", SearchFailureReason.Malformed)]
    [InlineData("error", "who is ada lovelace", SearchFailureReason.HttpError)]
    [InlineData("ok", "weather glasgow tomorrow", SearchFailureReason.NotApplicable)]
    public async Task SearchAsync_NoUsableSummary_ReturnsTypedFailure(string scenario, string query, SearchFailureReason expected)
    {
        var failed = Assert.IsType<SearchFailed>(await SearchAsync(scenario, query));
        Assert.Equal(expected, failed.Reason);
    }

    [Theory]
    [InlineData("who is ada lovelace", "Ada Lovelace")]
    [InlineData("what is the eiffel tower", null)]
    [InlineData("who is the prime minister of the uk", null)]
    [InlineData("what's bitcoin", "Bitcoin")]
    [InlineData("what is the weather today", null)]
    public void EntityTitle_Query_ExtractsEntityOrNull(string query, string? expected)
    {
        Assert.Equal(expected, WikipediaSearchProvider.EntityTitle(query));
    }
}
