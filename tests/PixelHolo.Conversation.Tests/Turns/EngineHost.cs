using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Tests.Turns;

/// <summary>The real conversation services (OllamaSharp chat client, Ollama probe, prompt) wired to a loopback server.</summary>
internal sealed class EngineHost : IDisposable
{
    private readonly ServiceProvider _services;

    public EngineHost(Uri endpoint, string model = "phi4-mini", bool autoPull = false, IEnumerable<ITurnContextProvider>? providers = null, string timeout = "00:00:20")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = endpoint.ToString(),
            ["Llm:Model"] = model,
            ["Llm:AutoStart"] = "false",
            ["Llm:AutoPull"] = autoPull ? "true" : "false",
            ["Llm:Timeout"] = timeout,
            ["Conversation:Location"] = "Glasgow, UK",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddConversation();
        services.AddSingleton<ISpeechSynthesizer>(Speech);
        services.AddSingleton<IAvatarRenderer>(Renderer);
        services.AddSingleton<IConversationStore>(Store);
        foreach (ITurnContextProvider provider in providers ?? []) { services.AddSingleton(provider); }
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Engine = _services.GetRequiredService<ConversationEngine>();
    }

    public FakeSpeechSynthesizer Speech { get; } = new();

    public FakeRenderer Renderer { get; } = new();

    public MemoryConversationStore Store { get; } = new();

    public ConversationEngine Engine { get; }

    public static AvatarProfile Profile(string personality = "You are Ada, a retired ship's engineer.") =>
        new("p1", "Ada", personality, DateTimeOffset.UnixEpoch, ProfileStatus.Ready, "/nonexistent");

    public void Dispose() => _services.Dispose();
}
