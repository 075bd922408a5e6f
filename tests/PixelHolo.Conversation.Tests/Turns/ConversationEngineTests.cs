using System.Text.Json;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Turns;

public sealed class ConversationEngineTests
{
    [Fact]
    public async Task AskAsync_OllamaStreamsTokens_AnswerSpokenRenderedAndKeptInHistory()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = ["Hello", ", I am ", "José Müller", "."];
        using var host = new EngineHost(ollama.Endpoint);
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());
        var events = new RecordingStageEvents();

        TurnResult result = await host.Engine.AskAsync(session, "who are you", events);

        Assert.True(result.Succeeded);
        Assert.Equal("Hello, I am José Müller.", result.Answer); // non-ASCII kept (the original stripped it)
        Assert.Equal(["Hello, I am José Müller."], host.Speech.Spoken);
        Assert.Equal(1, host.Renderer.Calls);
        Assert.Equal([StageState.Thinking, StageState.Speaking], events.States);
        Assert.Equal(2, session.History.Count);
        Assert.Contains("llm-first-token", result.StageSeconds.Keys);
        Assert.Contains("tts", result.StageSeconds.Keys);
        Assert.Contains("render", result.StageSeconds.Keys);
        Assert.Equal("Hello, I am José Müller.", Assert.Single(host.Store.Turns).Answer);
    }

    [Fact]
    public async Task AskAsync_SecondTurn_SendsSystemPromptHistoryAndOptions()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        using var host = new EngineHost(ollama.Endpoint);
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        await host.Engine.AskAsync(session, "first question", new RecordingStageEvents());
        await host.Engine.AskAsync(session, "second question", new RecordingStageEvents());

        JsonElement request = ollama.ChatRequests.Last().RootElement;
        JsonElement[] messages = [.. request.GetProperty("messages").EnumerateArray()];
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        string system = messages[0].GetProperty("content").GetString()!;
        Assert.Contains("retired ship's engineer", system, StringComparison.Ordinal);
        Assert.Contains("Glasgow, UK", system, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), system, StringComparison.Ordinal);
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("second question", messages[^1].GetProperty("content").GetString());
        Assert.Equal(0.7, request.GetProperty("options").GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task AskAsync_OllamaDown_ErrorStateWithFixAndHistoryClean()
    {
        using var host = new EngineHost(LoopbackOllama.UnusedEndpoint());
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());
        var events = new RecordingStageEvents();

        TurnResult result = await host.Engine.AskAsync(session, "hello", events);

        Assert.False(result.Succeeded);
        Assert.Contains("ollama serve", result.Error, StringComparison.Ordinal);
        Assert.Equal(StageState.Error, events.States[^1]);
        Assert.Contains("ollama serve", events.Events.Last().Detail, StringComparison.Ordinal);
        Assert.Empty(session.History);
        Assert.Empty(host.Speech.Spoken); // nothing like "I seem to be having trouble thinking" is spoken
        TurnRecord stored = Assert.Single(host.Store.Turns);
        Assert.Null(stored.Answer);
        Assert.NotNull(stored.Error);
    }

    [Fact]
    public async Task AskAsync_ModelNotPulledAndAutoPullOff_ErrorNamesPullCommand()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("llama3.1:latest");
        using var host = new EngineHost(ollama.Endpoint, model: "phi4-mini");
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        TurnResult result = await host.Engine.AskAsync(session, "hello", new RecordingStageEvents());

        Assert.False(result.Succeeded);
        Assert.Contains("ollama pull phi4-mini", result.Error, StringComparison.Ordinal);
        Assert.Empty(ollama.ChatRequests);
    }

    [Fact]
    public async Task AskAsync_ModelNotPulledAndAutoPullOn_PullsThenAnswers()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync();
        using var host = new EngineHost(ollama.Endpoint, model: "phi4-mini", autoPull: true);
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        TurnResult result = await host.Engine.AskAsync(session, "hello", new RecordingStageEvents());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["phi4-mini"], ollama.Pulls);
    }

    [Fact]
    public async Task AskAsync_AnswerSlowerThanTimeout_ErrorSaysLimit()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.TokenDelay = TimeSpan.FromSeconds(2);
        using var host = new EngineHost(ollama.Endpoint, timeout: "00:00:01");
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        TurnResult result = await host.Engine.AskAsync(session, "hello", new RecordingStageEvents());

        Assert.False(result.Succeeded);
        Assert.Contains("Llm:Timeout", result.Error, StringComparison.Ordinal);
        Assert.Empty(session.History);
    }

    [Fact]
    public async Task AskAsync_ContextProvider_RunsFirstAndItsTextReachesSystemPrompt()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        var provider = new FixedContextProvider("WEB RESULTS: it is sunny");
        using var host = new EngineHost(ollama.Endpoint, providers: [provider]);
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());
        var events = new RecordingStageEvents();

        await host.Engine.AskAsync(session, "what's the weather", events);

        Assert.Equal([StageState.Searching, StageState.Thinking, StageState.Speaking], events.States);
        string system = ollama.ChatRequests.Single().RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.EndsWith("WEB RESULTS: it is sunny", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_CancelledByCaller_Throws()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.TokenDelay = TimeSpan.FromSeconds(5);
        using var host = new EngineHost(ollama.Endpoint);
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Engine.AskAsync(session, "hello", new RecordingStageEvents(), cancellationToken: cts.Token));
        Assert.Empty(session.History);
    }

    private sealed class FixedContextProvider(string text) : ITurnContextProvider
    {
        public Task<IReadOnlyList<string>> PrepareAsync(string question, TurnState state, IStageEvents events, TurnTimings timings, CancellationToken cancellationToken = default)
        {
            events.Publish(StageState.Searching);
            return Task.FromResult<IReadOnlyList<string>>([text]);
        }
    }
}
