using System.Text.Json;
using System.Text.RegularExpressions;
using PixelHolo.Conversation.Search;
using PixelHolo.Conversation.Tests.Turns;
using PixelHolo.Conversation.Turns;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The whole turn with a search result that tries to give orders: the real engine on a loopback Ollama,
/// the real classifier and DuckDuckGo provider on the loopback search server.</summary>
[Collection(nameof(LoopbackSearchGroup))]
public sealed partial class SearchPromptInjectionTests(LoopbackSearchServer server)
{
    [Fact]
    public async Task AskAsync_ResultWithInjection_SystemPromptUnchangedAndInjectionOnlyInsideTheBlock()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        using var host = new EngineHost(ollama.Endpoint, searchBaseUrl: server.BaseUrl("ddg", "injection", Guid.NewGuid().ToString("N")));
        ConversationSession session = await host.Engine.StartAsync(EngineHost.Profile());

        await host.Engine.AskAsync(session, "hey who won the celtic game on saturday", new RecordingStageEvents());
        JsonElement[] searched = [.. ollama.ChatRequests.Last().RootElement.GetProperty("messages").EnumerateArray()];
        await host.Engine.AskAsync(session, "tell me a joke", new RecordingStageEvents());
        JsonElement[] plain = [.. ollama.ChatRequests.Last().RootElement.GetProperty("messages").EnumerateArray()];

        string system = searched[0].GetProperty("content").GetString()!;
        string user = searched[^1].GetProperty("content").GetString()!;
        Assert.Equal(Clockless(plain[0].GetProperty("content").GetString()!), Clockless(system)); // instructions unchanged
        Assert.DoesNotContain("Ignore previous instructions", system, StringComparison.Ordinal);

        int begin = user.IndexOf(SearchContextFormatter.BeginMarker, StringComparison.Ordinal);
        int injection = user.IndexOf("Ignore previous instructions", StringComparison.Ordinal);
        int end = user.IndexOf(SearchContextFormatter.EndMarker, StringComparison.Ordinal);
        Assert.True(begin == 0 && begin < injection && injection < end, user);
        Assert.Equal(end, user.LastIndexOf(SearchContextFormatter.EndMarker, StringComparison.Ordinal)); // the fake end marker was broken
        Assert.EndsWith("The visitor asked: hey who won the celtic game on saturday", user, StringComparison.Ordinal);
        Assert.Equal("tell me a joke", plain[^1].GetProperty("content").GetString());
        // History keeps the visitor's words, not the untrusted block.
        Assert.DoesNotContain(plain, m => m.GetProperty("content").GetString()!.Contains("Ignore previous instructions", StringComparison.Ordinal));
    }

    private static string Clockless(string prompt) => LocalTime().Replace(prompt, "local time is HH:MM");

    [GeneratedRegex(@"local time is \d\d:\d\d")]
    private static partial Regex LocalTime();
}
