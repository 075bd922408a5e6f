using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Tests.Turns;

/// <summary>The real conversation services (OllamaSharp chat client, Ollama probe, prompt) wired to a loopback server.</summary>
internal sealed class EngineHost : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="searchBaseUrl">Where DuckDuckGo searches go (the only provider here); default: the loopback Ollama, which answers 404.</param>
    public EngineHost(Uri endpoint, string model = "phi4-mini", bool autoPull = false, string timeout = "00:00:20", Uri? searchBaseUrl = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = endpoint.ToString(),
            ["Llm:Model"] = model,
            ["Llm:AutoStart"] = "false",
            ["Llm:AutoPull"] = autoPull ? "true" : "false",
            ["Llm:Timeout"] = timeout,
            ["Conversation:Location"] = "Glasgow, UK",
            ["Search:Providers:0"] = "DuckDuckGo",
            ["Search:DuckDuckGoBaseUrl"] = (searchBaseUrl ?? endpoint).ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddConversation();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<ISpeechSynthesizer>(Speech);
        services.AddSingleton<IAvatarRenderer>(Renderer);
        services.AddSingleton<IConversationStore>(Store);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Engine = _services.GetRequiredService<ConversationEngine>();
    }

    public FakeSpeechSynthesizer Speech { get; } = new();

    public FakeClipRenderer Renderer { get; } = new();

    public MemoryConversationStore Store { get; } = new();

    public ConversationEngine Engine { get; }

    public static AvatarProfile Profile(string personality = "You are Ada, a retired ship's engineer.") =>
        new("p1", "Ada", personality, DateTimeOffset.UnixEpoch, ProfileStatus.Ready, "/nonexistent");

    public void Dispose() => _services.Dispose();
}
