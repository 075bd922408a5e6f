using System.Text.Json;
using System.Text.RegularExpressions;
using PixelHolo.Conversation.Search;
using PixelHolo.Conversation.Tests.Turns;
using PixelHolo.Core.Stage;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>The whole turn with a search result that tries to give orders: the real turn state machine on a loopback Ollama,
/// the real classifier and DuckDuckGo provider on the loopback search server.</summary>
[Collection(nameof(LoopbackSearchGroup))]
public sealed partial class SearchPromptInjectionTests(LoopbackSearchServer server)
{
    [Fact]
    public async Task TextQuestion_ResultWithInjection_SystemPromptUnchangedAndInjectionOnlyInsideTheBlock()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        await using var host = new StageHost(ollama.Endpoint, settings: new Dictionary<string, string?>
        {
            ["Search:DuckDuckGoBaseUrl"] = server.BaseUrl("ddg", "injection", Guid.NewGuid().ToString("N")).ToString(),
            ["Conversation:Location"] = "Glasgow, UK",
        });
        await using StageRecorder stage = await host.OpenAsync();

        await stage.SendAsync(new StageInput.TextQuestion("hey who won the celtic game on saturday"));
        TurnReport searchedTurn = (await stage.TurnAsync()).Report;
        JsonElement[] searched = [.. ollama.ChatRequests.Last().RootElement.GetProperty("messages").EnumerateArray()];
        await stage.SendAsync(new StageInput.TextQuestion("tell me a joke"));
        await stage.TurnAsync(nth: 2);
        JsonElement[] plain = [.. ollama.ChatRequests.Last().RootElement.GetProperty("messages").EnumerateArray()];

        Assert.Equal([StageState.Searching, StageState.Thinking, StageState.Speaking, StageState.Idle], searchedTurn.States);
        Assert.NotNull(searchedTurn.Timings.Search);
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
