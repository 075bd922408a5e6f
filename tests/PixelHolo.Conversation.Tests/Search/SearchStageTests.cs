using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Search;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The conversation path with the real classifier (committed model) and real providers on loopback.</summary>
[Collection(nameof(LoopbackSearchGroup))]
public sealed class SearchStageTests(LoopbackSearchServer server)
{
    [Fact]
    public async Task RunAsync_SearchNeededAndProviderFails_PublishesSearchFailedAndPromptHasNoErrorText()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            duckDuckGo: server.BaseUrl("ddg", "error", id), searxng: server.BaseUrl("searxng", "error", id)));
        var events = new RecordingStageEvents();

        SearchStageResult result = await services.GetRequiredService<ISearchStage>().RunAsync("whats the weather in glasgow tomorrow", null, events);
        string user = services.GetRequiredService<ITurnPromptComposer>().BuildUserMessage("whats the weather in glasgow tomorrow", result.Outcome);

        Assert.True(result.Intent.NeedsSearch);
        Assert.IsType<SearchFailed>(result.Outcome);
        Assert.Equal([StageState.Searching, StageState.SearchFailed], events.States);
        Assert.DoesNotContain("500", user, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal Server Error", user, StringComparison.Ordinal);
        Assert.DoesNotContain("500", events.Details, StringComparison.Ordinal);
        Assert.Contains(SearchContextFormatter.FailedMarker, user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SearchSucceeds_ReturnsResultsAndQueryForNextTurn()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));
        var events = new RecordingStageEvents();

        SearchStageResult result = await services.GetRequiredService<ISearchStage>().RunAsync("hey is it going to rain in glasgow tomorrow", null, events);

        Assert.IsType<SearchSucceeded>(result.Outcome);
        Assert.Equal("is it going to rain in glasgow tomorrow", result.Query);
        Assert.Equal([StageState.Searching], events.States);
    }

    [Fact]
    public async Task RunAsync_NoSearchNeeded_DoesNotSearchOrPublish()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));
        var events = new RecordingStageEvents();

        SearchStageResult result = await services.GetRequiredService<ISearchStage>().RunAsync("tell me a joke", null, events);

        Assert.False(result.Intent.NeedsSearch);
        Assert.Null(result.Outcome);
        Assert.Empty(events.States);
        Assert.Equal(0, server.Hits("ddg", "ok", id));
    }

    private sealed class RecordingStageEvents : IStageEvents
    {
        private readonly List<(StageState State, string? Detail)> _events = [];

        public IReadOnlyList<StageState> States => [.. _events.Select(e => e.State)];

        public string Details => string.Join(" | ", _events.Select(e => e.Detail));

        public void Publish(StageState state, string? detail = null) => _events.Add((state, detail));
    }
}
