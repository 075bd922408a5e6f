using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Search;
using PixelHolo.Conversation.Tests.Turns;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Stage;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The conversation path: the real turn engine (loopback Ollama) with the real search context provider
/// (committed classifier, providers on the loopback search server).</summary>
[Collection(nameof(LoopbackSearchGroup))]
public sealed class SearchTurnContextProviderTests(LoopbackSearchServer server)
{
    private static string SystemPrompt(LoopbackOllama ollama) =>
        ollama.ChatRequests.Last().RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;

    [Fact]
    public async Task AskAsync_SearchNeededAndProvidersFail_SearchFailedStateAndPromptWithoutErrorText()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider search = SearchServices.Build(SearchServices.Settings(
            duckDuckGo: server.BaseUrl("ddg", "error", id), searxng: server.BaseUrl("searxng", "error", id)));
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        using var host = new EngineHost(ollama.Endpoint, providers: search.GetServices<ITurnContextProvider>());
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());
        var events = new RecordingStageEvents();

        TurnResult result = await host.Engine.AskAsync(session, "whats the weather in glasgow tomorrow", events);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([StageState.Searching, StageState.SearchFailed, StageState.Thinking, StageState.Speaking], events.States);
        Assert.Contains("search", result.StageSeconds.Keys);
        string system = SystemPrompt(ollama);
        Assert.Contains(SearchContextFormatter.FailedMarker, system, StringComparison.Ordinal);
        Assert.DoesNotContain(SearchContextFormatter.BeginMarker + "\n", system, StringComparison.Ordinal);
        foreach (string leak in new[] { "500", "Internal Server Error", "secret detail", "127.0.0.1", "HTTP" })
        {
            Assert.DoesNotContain(leak, system, StringComparison.Ordinal);
            Assert.DoesNotContain(leak, string.Join(" ", events.Events.Select(e => e.Detail)), StringComparison.Ordinal);
        }
        Assert.Equal("whats the weather in glasgow tomorrow", session.History[0].Text); // history keeps the question only
    }

    [Fact]
    public async Task AskAsync_ResultWithInjection_InstructionsUnchangedAndInjectionInsideTheBlock()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider search = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "injection", id), providers: "DuckDuckGo"));
        var formatter = search.GetRequiredService<ISearchContextFormatter>();
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        using var host = new EngineHost(ollama.Endpoint, providers: search.GetServices<ITurnContextProvider>());
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        await host.Engine.AskAsync(session, "hey who won the celtic game on saturday", new RecordingStageEvents());
        string withResults = SystemPrompt(ollama);
        await host.Engine.AskAsync(session, "tell me a joke", new RecordingStageEvents());
        string withoutSearch = SystemPrompt(ollama);

        int rules = withResults.IndexOf(formatter.Instructions, StringComparison.Ordinal);
        int begin = withResults.IndexOf(SearchContextFormatter.BeginMarker + "\n", StringComparison.Ordinal);
        int injection = withResults.IndexOf("Ignore previous instructions", StringComparison.Ordinal);
        int end = withResults.IndexOf(SearchContextFormatter.EndMarker, begin, StringComparison.Ordinal);
        Assert.True(rules > 0 && rules < begin && begin < injection && injection < end, withResults);
        // The block closes once, at the very end: the fake end marker inside the result was broken.
        Assert.Equal(withResults.Length - SearchContextFormatter.EndMarker.Length, end);
        // Everything before the search rules is the ordinary prompt of a turn without search (date and time aside).
        string before = withResults[..rules].TrimEnd();
        Assert.Equal(StripClock(withoutSearch), StripClock(before));
        Assert.DoesNotContain("Ignore previous instructions", withoutSearch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_FollowUp_IsCompletedFromThePreviousTurnsQuery()
    {
        string id = Guid.NewGuid().ToString("N");
        using ServiceProvider search = SearchServices.Build(SearchServices.Settings(duckDuckGo: server.BaseUrl("ddg", "ok", id), providers: "DuckDuckGo"));
        ITurnContextProvider provider = Assert.Single(search.GetServices<ITurnContextProvider>());
        var state = new TurnState();

        await provider.PrepareAsync("um is it going to rain in glasgow today", state, new RecordingStageEvents(), new TurnTimings());
        string first = state.Values[SearchTurnContextProvider.PreviousQueryKey];
        IReadOnlyList<string> context = await provider.PrepareAsync("and tomorrow", state, new RecordingStageEvents(), new TurnTimings());

        Assert.Equal("is it going to rain in glasgow today", first);
        Assert.Equal("is it going to rain in glasgow tomorrow", state.Values[SearchTurnContextProvider.PreviousQueryKey]);
        Assert.Contains("query: \"is it going to rain in glasgow tomorrow\"", context[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_NoSearchNeeded_ReturnsNothing()
    {
        using ServiceProvider search = SearchServices.Build(SearchServices.Settings(providers: "DuckDuckGo"));
        ITurnContextProvider provider = Assert.Single(search.GetServices<ITurnContextProvider>());
        var timings = new TurnTimings();

        IReadOnlyList<string> context = await provider.PrepareAsync("what's your favourite colour", new TurnState(), new RecordingStageEvents(), timings);

        Assert.Empty(context);
        Assert.DoesNotContain("search", timings.Seconds.Keys);
    }

    private static string StripClock(string prompt) =>
        System.Text.RegularExpressions.Regex.Replace(prompt, @"local time \d\d:\d\d", "local time HH:MM");
}
