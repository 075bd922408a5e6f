using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation.Llm;

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
