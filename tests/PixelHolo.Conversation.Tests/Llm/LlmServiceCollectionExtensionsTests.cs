using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Llm;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Llm;

/// <summary>Which language model answers when nothing is configured: "auto" (Ollama, else the embedded GGUF), so a kiosk
/// without a server still converses once `pixelholo models pull llm` has run.</summary>
public sealed class LlmServiceCollectionExtensionsTests
{
    [Fact]
    public void AddLanguageModel_NothingConfigured_AutoFallsBackToTheEmbeddedModel()
    {
        using ServiceProvider services = Build([]);

        Assert.Equal("auto", new LlmOptions().Provider);
        var readiness = Assert.IsType<FallbackLanguageModel>(services.GetRequiredService<ILanguageModelReadiness>());
        Assert.Same(readiness, services.GetRequiredService<IChatClient>().GetService(typeof(FallbackLanguageModel)));
    }

    [Theory]
    [InlineData("ollama", typeof(OllamaServer))]
    [InlineData("embedded", typeof(EmbeddedLanguageModel))]
    [InlineData("openai", typeof(OpenAiCompatibleServer))]
    public void AddLanguageModel_ProviderNamed_UsesThatProviderAlone(string provider, Type expected)
    {
        using ServiceProvider services = Build(new() { ["Llm:Provider"] = provider });

        Assert.IsType(expected, services.GetRequiredService<ILanguageModelReadiness>());
    }

    [Fact]
    public async Task OllamaChat_ModelHangsMidAnswer_CancellingClosesTheStreamAtOnce()
    {
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = ["Well,", " I was", " born", " in Glasgow."];
        ollama.StallAfterTokens = 2;
        using ServiceProvider services = Build(new() { ["Llm:Provider"] = "ollama", ["Llm:Endpoint"] = ollama.Endpoint.ToString(), ["Llm:Model"] = "phi4-mini" });
        IChatClient chat = services.GetRequiredService<IChatClient>();
        using var cancel = new CancellationTokenSource();
        int tokens = 0;

        Task reading = Task.Run(async () =>
        {
            using var closing = CancellationClosesResponseHandler.CloseOnCancel(cancel.Token);
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, cancel.Token))
            {
                // Cancel while the next read is pending (the model hangs after two tokens), as a stall watchdog does.
                if (!string.IsNullOrEmpty(update.Text) && ++tokens == 2) { cancel.CancelAfter(TimeSpan.FromMilliseconds(300)); }
            }
        });
        Exception? ended = await Record.ExceptionAsync(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.False(ended is TimeoutException, "the read still waited for the hung model 30 s after cancelling");
        await ollama.ChatAborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the server saw the connection close
        Assert.Equal(2, tokens);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddLanguageModel();
        return services.BuildServiceProvider();
    }
}
