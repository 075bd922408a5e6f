using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OllamaSharp;

namespace PixelHolo.Conversation.Llm;

public static class LlmServiceCollectionExtensions
{
    public const string OpenAiHttpClientName = "openai";

    /// <summary>Adds the chat client chosen by <see cref="LlmOptions.Provider"/>: Ollama through OllamaSharp, an OpenAI-compatible server,
    /// the embedded GGUF model (LLamaSharp), or "auto": Ollama with the embedded model as the fallback.</summary>
    public static IServiceCollection AddLanguageModel(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The embedded model's GGUF file lives in the models folder (Runtime:ModelsDirectory).
        services.AddOptions<PixelHolo.Core.Paths.RuntimeOptions>().BindConfiguration(PixelHolo.Core.Paths.RuntimeOptions.SectionName);
        // A streamed answer can take long; the per-turn limit is LlmOptions.Timeout, enforced by the engine.
        services.AddHttpClient(OllamaServer.HttpClientName, (sp, http) =>
        {
            http.BaseAddress = WithTrailingSlash(sp.GetRequiredService<IOptions<LlmOptions>>().Value.Endpoint);
            http.Timeout = Timeout.InfiniteTimeSpan;
        }).ConfigurePrimaryHttpMessageHandler(StreamClosingHandler).AddHttpMessageHandler(() => new CancellationClosesResponseHandler());
        services.AddHttpClient(OpenAiHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(StreamClosingHandler).AddHttpMessageHandler(() => new CancellationClosesResponseHandler());
        services.TryAddSingleton<OllamaServer>();
        services.TryAddSingleton<OpenAiCompatibleServer>();
        services.TryAddSingleton<EmbeddedLanguageModel>();
        services.TryAddSingleton<ILanguageModelReadiness>(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value.Provider switch
        {
            "openai" => sp.GetRequiredService<OpenAiCompatibleServer>(),
            "embedded" => sp.GetRequiredService<EmbeddedLanguageModel>(),
            "auto" => sp.GetRequiredService<FallbackLanguageModel>(),
            _ => sp.GetRequiredService<OllamaServer>(),
        });
        services.TryAddSingleton(sp => new FallbackLanguageModel(sp.GetRequiredService<OllamaServer>(),
            CreateServerClient(sp, sp.GetRequiredService<IOptions<LlmOptions>>().Value), sp.GetRequiredService<EmbeddedLanguageModel>()));
        services.AddChatClient(sp =>
        {
            LlmOptions o = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return o.Provider switch
            {
                "embedded" => sp.GetRequiredService<EmbeddedLanguageModel>(),
                "auto" => sp.GetRequiredService<FallbackLanguageModel>(),
                _ => CreateServerClient(sp, o),
            };
        }).UseLogging();
        return services;
    }

    private static IChatClient CreateServerClient(IServiceProvider sp, LlmOptions o)
    {
        var factory = sp.GetRequiredService<IHttpClientFactory>();
        if (o.Provider == "openai")
        {
            var client = new OpenAI.Chat.ChatClient(o.Model, new ApiKeyCredential(o.ApiKey.Length > 0 ? o.ApiKey : "none"),
                new OpenAI.OpenAIClientOptions { Endpoint = o.Endpoint, Transport = new HttpClientPipelineTransport(factory.CreateClient(OpenAiHttpClientName)) });
            return client.AsIChatClient();
        }
        return new OllamaApiClient(factory.CreateClient(OllamaServer.HttpClientName), o.Model);
    }

    /// <summary>Barge-in must close the model's stream so the server stops generating. By default a response disposed
    /// mid-body is drained (up to 1 MB or 2 s) to reuse the connection, which lets the model talk on: never drain.</summary>
    private static SocketsHttpHandler StreamClosingHandler() => new() { MaxResponseDrainSize = 0, ResponseDrainTimeout = TimeSpan.Zero };

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
