using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Models;
using PixelHolo.Core.Errors;

namespace PixelHolo.Conversation.Llm;

/// <summary>Readiness of any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio): it answers GET /models and
/// lists the configured model. Errors name this provider and its settings, never Ollama's commands.</summary>
internal sealed class OpenAiCompatibleServer(IHttpClientFactory httpClients, IOptions<LlmOptions> options) : ILanguageModelReadiness
{
    private volatile bool _ready;

    public string Name => $"openai:{options.Value.Model}";

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready) { return; }
        LanguageModelStatus status = await GetStatusAsync(cancellationToken);
        if (!status.Ready) { throw new ServiceUnavailableException("openai", $"The OpenAI-compatible server {status.Detail}."); }
        _ready = true;
    }

    public async Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        LlmOptions o = options.Value;
        var client = new OpenAIModelClient(new ApiKeyCredential(o.ApiKey.Length > 0 ? o.ApiKey : "none"),
            new OpenAIClientOptions { Endpoint = o.Endpoint, Transport = new HttpClientPipelineTransport(httpClients.CreateClient(LlmServiceCollectionExtensions.OpenAiHttpClientName)) });
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(5));
            OpenAIModelCollection models = (await client.GetModelsAsync(probe.Token)).Value;
            bool has = models.Any(m => m.Id == o.Model);
            return new LanguageModelStatus("openai", o.Model, has, has
                ? $"at {o.Endpoint} serves '{o.Model}'"
                : $"at {o.Endpoint} does not serve '{o.Model}' (it serves: {string.Join(", ", models.Select(m => m.Id).Take(8))}); set PIXELHOLO_Llm__Model to one of them");
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new LanguageModelStatus("openai", o.Model, false,
                $"at {o.Endpoint} did not answer GET /models ({ex.Message}); start it, or set PIXELHOLO_Llm__Endpoint (with /v1) and PIXELHOLO_Llm__ApiKey");
        }
    }

    public string DescribeFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _ready = false;
        LlmOptions o = options.Value;
        return exception is ServiceUnavailableException or TimeoutException
            ? exception.Message
            : $"The OpenAI-compatible server at {o.Endpoint} (model '{o.Model}') failed: {exception.Message}. Check the server, PIXELHOLO_Llm__Model and PIXELHOLO_Llm__ApiKey.";
    }
}
