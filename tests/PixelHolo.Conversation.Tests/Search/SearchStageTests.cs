using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The conversation path with the real classifier (committed model) and real providers on loopback.</summary>
[Collection(nameof(LoopbackSearchGroup))]
public sealed class SearchStageTests(LoopbackSearchServer server)
{
    [Fact]
    public async Task SearchAsync_SearchNeededAndProviderFails_ReturnsFailureAndPromptHasNoErrorText()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            duckDuckGo: server.BaseUrl("ddg", "error", id), searxng: server.BaseUrl("searxng", "error", id)));
        var stage = services.GetRequiredService<ISearchStage>();

        IntentPrediction intent = stage.Classify("whats the weather in glasgow tomorrow");
        SearchOutcome outcome = await stage.SearchAsync("whats the weather in glasgow tomorrow", null);
        string user = services.GetRequiredService<ITurnPromptComposer>().BuildUserMessage("whats the weather in glasgow tomorrow", outcome);

        Assert.True(intent.NeedsSearch);
        Assert.IsType<SearchFailed>(outcome);
        Assert.DoesNotContain("500", user, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal Server Error", user, StringComparison.Ordinal);
        Assert.DoesNotContain("500", ISearchStage.FailedDetail, StringComparison.Ordinal);
        Assert.Contains(SearchContextFormatter.FailedMarker, user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAsync_SearchSucceeds_ReturnsResultsAndQueryForNextTurn()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));
        var stage = services.GetRequiredService<ISearchStage>();

        Assert.True(stage.Classify("hey is it going to rain in glasgow tomorrow").NeedsSearch);
        SearchOutcome outcome = await stage.SearchAsync("hey is it going to rain in glasgow tomorrow", null);

        Assert.IsType<SearchSucceeded>(outcome);
        Assert.Equal("is it going to rain in glasgow tomorrow", outcome.Query);
    }

    [Fact]
    public void Classify_NoSearchNeeded_DoesNotSearch()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));

        IntentPrediction intent = services.GetRequiredService<ISearchStage>().Classify("tell me a joke");

        Assert.False(intent.NeedsSearch);
        Assert.Equal(0, server.Hits("ddg", "ok", id));
    }
}
