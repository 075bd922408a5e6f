using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Search;

[Collection(nameof(LoopbackSearchGroup))]
public sealed class SearchOrchestratorTests(LoopbackSearchServer server)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SearchAsync_FirstProviderFailsTwice_RetriesOnceThenFallsBack()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            duckDuckGo: server.BaseUrl("ddg", "error", id), searxng: server.BaseUrl("searxng", "ok", id), providers: "DuckDuckGo,SearXNG"));
        using var guard = new CancellationTokenSource(Guard);

        SearchOutcome outcome = await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("hey what's the weather in glasgow tomorrow please", null, guard.Token);

        var success = Assert.IsType<SearchSucceeded>(outcome);
        Assert.Equal("SearXNG", success.Provider);
        Assert.Equal("what's the weather in glasgow tomorrow", success.Query);
        Assert.Equal(2, server.Hits("ddg", "error", id)); // the first try and the one retry
        Assert.Equal(1, server.Hits("searxng", "ok", id));
    }

    [Fact]
    public async Task SearchAsync_FlakyProvider_RetrySucceeds()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "flaky", id), providers: "DuckDuckGo"));
        using var guard = new CancellationTokenSource(Guard);

        var success = Assert.IsType<SearchSucceeded>(await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("weather glasgow", null, guard.Token));

        Assert.Equal("DuckDuckGo", success.Provider);
        Assert.Equal(2, server.Hits("ddg", "flaky", id));
    }

    [Fact]
    public async Task SearchAsync_OnlyProviderHangs_FailsWithTimeoutInsteadOfWaiting()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            duckDuckGo: server.BaseUrl("ddg", "hang", id), providers: "DuckDuckGo", budget: TimeSpan.FromMilliseconds(400)));
        using var guard = new CancellationTokenSource(Guard);

        var failed = Assert.IsType<SearchFailed>(await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("weather glasgow", null, guard.Token));

        Assert.Equal(SearchFailureReason.Timeout, failed.Reason);
        Assert.False(guard.IsCancellationRequested);
    }

    [Fact]
    public async Task SearchAsync_FirstProviderHangs_SecondAnswersWithinBudget()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            searxng: server.BaseUrl("searxng", "hang", id), duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "SearXNG,DuckDuckGo",
            budget: TimeSpan.FromSeconds(2)));
        using var guard = new CancellationTokenSource(Guard);

        var success = Assert.IsType<SearchSucceeded>(await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("weather glasgow", null, guard.Token));

        Assert.Equal("DuckDuckGo", success.Provider);
        Assert.Equal(1, server.Hits("searxng", "hang", id)); // a timeout is not retried: the budget goes to the fallback
    }

    [Fact]
    public async Task SearchAsync_AllProvidersEmpty_FailsWithNoResults()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            searxng: server.BaseUrl("searxng", "empty", id), duckDuckGo: server.BaseUrl("ddg", "empty", id)));
        using var guard = new CancellationTokenSource(Guard);

        var failed = Assert.IsType<SearchFailed>(await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("xqzvbnwq glorpfish", null, guard.Token));

        Assert.Equal(SearchFailureReason.NoResults, failed.Reason);
    }

    [Fact]
    public async Task SearchAsync_EntityQuestion_WikipediaAnswersFirst()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(
            wikipedia: server.BaseUrl("wiki", "ok", id), duckDuckGo: server.BaseUrl("ddg", "ok", id)));
        using var guard = new CancellationTokenSource(Guard);

        var success = Assert.IsType<SearchSucceeded>(await services.GetRequiredService<ISearchOrchestrator>().SearchAsync("um who is ada lovelace", null, guard.Token));

        Assert.Equal("Wikipedia", success.Provider);
        Assert.Equal(0, server.Hits("ddg", "ok", id));
    }

    [Fact]
    public async Task SearchAsync_SameQueryWithinTtl_ServedFromCacheUntilItExpires()
    {
        string id = Guid.NewGuid().ToString("N");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero));
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"), time);
        var search = services.GetRequiredService<ISearchOrchestrator>();
        using var guard = new CancellationTokenSource(Guard);

        var first = Assert.IsType<SearchSucceeded>(await search.SearchAsync("weather in glasgow tomorrow", null, guard.Token));
        time.Advance(TimeSpan.FromMinutes(9));
        var second = Assert.IsType<SearchSucceeded>(await search.SearchAsync("Hey, weather in Glasgow   tomorrow?", null, guard.Token));
        time.Advance(TimeSpan.FromMinutes(2));
        var third = Assert.IsType<SearchSucceeded>(await search.SearchAsync("weather in glasgow tomorrow", null, guard.Token));

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Results, second.Results);
        Assert.False(third.FromCache);
        Assert.Equal(2, server.Hits("ddg", "ok", id));
    }

    [Fact]
    public async Task SearchAsync_FailureIsNotCached_NextTurnTriesAgain()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "empty", id), providers: "DuckDuckGo"));
        var search = services.GetRequiredService<ISearchOrchestrator>();

        await search.SearchAsync("xqzvbnwq", null);
        await search.SearchAsync("xqzvbnwq", null);

        Assert.Equal(2, server.Hits("ddg", "empty", id));
    }

    [Fact]
    public async Task SearchAsync_CallerCancels_Throws()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "hang", id), providers: "DuckDuckGo"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<ISearchOrchestrator>().SearchAsync("weather glasgow", null, cancel.Token));
    }

    [Fact]
    public async Task Status_AfterFailureThenSuccess_ShowsTheLastSearchWithoutTheQuery()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider failing = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "error", id), providers: "DuckDuckGo"));
        await failing.GetRequiredService<ISearchOrchestrator>().SearchAsync("private visitor question", null);
        string json = System.Text.Json.JsonSerializer.Serialize(failing.GetRequiredService<ISearchStatus>().Current);

        Assert.Equal(SearchFailureReason.HttpError, failing.GetRequiredService<ISearchStatus>().Current.Last?.FailureReason);
        Assert.Contains("\"Succeeded\":false", json, StringComparison.Ordinal);
        Assert.Contains("\"FailureReason\":\"HttpError\"", json, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", json, StringComparison.Ordinal);
        Assert.DoesNotContain("private visitor question", json, StringComparison.Ordinal);

        using ServiceProvider working = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));
        await working.GetRequiredService<ISearchOrchestrator>().SearchAsync("weather glasgow", null);
        string ok = System.Text.Json.JsonSerializer.Serialize(working.GetRequiredService<ISearchStatus>().Current);
        Assert.Contains("\"Succeeded\":true", ok, StringComparison.Ordinal);
        Assert.Contains("\"Provider\":\"DuckDuckGo\"", ok, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownProviderName_FailValidationNamingKnownOnes()
    {
        using ServiceProvider services = SearchServices.Build(SearchServices.Settings(providers: "DuckDuckGo,Bing"));

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<ISearchOrchestrator>());

        Assert.Contains("Search:Providers", error.Message, StringComparison.Ordinal);
        Assert.Contains("DuckDuckGo", error.Message, StringComparison.Ordinal);
    }
}
