using System.Runtime.CompilerServices;
using LLama;
using LLama.Common;
using LLama.Sampling;
using LLama.Transformers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;

namespace PixelHolo.Conversation.Llm;

/// <summary>A GGUF language model run in-process by LLamaSharp (llama.cpp): the answer when no server is there. The
/// weights load once and are shared; every turn gets its own context, so turns never see each other's cache. The prompt
/// is built with the model's own chat template (GGUF key tokenizer.chat_template). Layers go to the GPU when llama.cpp's
/// CUDA backend loaded and found a device (Llm:GpuLayers -1, the default), else everything runs on the CPU; which backend
/// loaded is logged once and shown in the status.</summary>
public sealed partial class EmbeddedLanguageModel(IOptions<LlmOptions> llmOptions, IOptions<RuntimeOptions> runtime, ILogger<EmbeddedLanguageModel>? logger = null)
    : IChatClient, ILanguageModelReadiness, IDisposable
{
    public const string PullCommand = "pixelholo models pull llm";
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LLamaWeights? _weights;
    private ModelParams? _parameters;

    /// <summary>The llama.cpp backend and the layers on the GPU, once the model has loaded (e.g. "CPU (Avx2), 0 GPU layers").</summary>
    public string? Backend { get; private set; }

    public string Name => $"embedded:{Path.GetFileName(ModelPath)}";

    /// <summary>The GGUF file: Llm:ModelFile, relative to the models folder unless absolute.</summary>
    public string ModelPath => Path.Combine(runtime.Value.ModelsPath, llmOptions.Value.ModelFile);

    public bool FileExists => File.Exists(ModelPath);

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default) => await LoadAsync(cancellationToken);

    public Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        string file = Path.GetFileName(ModelPath);
        LanguageModelStatus status = _weights is not null
            ? new("embedded", file, true, $"loaded from {ModelPath} (llama.cpp {Backend})")
            : FileExists
                ? new("embedded", file, true, $"{ModelPath} present (loads on the first turn)")
                : new("embedded", file, false, $"{ModelPath} is missing; run `{PullCommand}` or set PIXELHOLO_Llm__ModelFile");
        return Task.FromResult(status);
    }

    public string DescribeFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ServiceUnavailableException or TimeoutException
            ? exception.Message
            : $"The embedded language model ({ModelPath}) failed: {exception.Message}. Run `{PullCommand}` to fetch a good copy, or set PIXELHOLO_Llm__ModelFile.";
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in GetStreamingResponseAsync(messages, options, cancellationToken)) { updates.Add(update); }
        return updates.ToChatResponse();
    }

    /// <summary>Streams the answer token by token. Stops at the model's end-of-generation token, at the token limit
    /// (ChatOptions.MaxOutputTokens, else Llm:MaxOutputTokens), or at once when <paramref name="cancellationToken"/> fires.
    /// Text pieces may split or hold invalid UTF-8 (replaced by U+FFFD by the decoder).</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        LLamaWeights weights = await LoadAsync(cancellationToken);
        string prompt = ApplyChatTemplate(weights, messages);
        LlmOptions o = llmOptions.Value;
        var executor = new StatelessExecutor(weights, _parameters!) { ApplyTemplate = false };
        var inference = new InferenceParams
        {
            MaxTokens = options?.MaxOutputTokens ?? o.MaxOutputTokens,
            SamplingPipeline = new DefaultSamplingPipeline { Temperature = options?.Temperature ?? o.Temperature },
        };
        string id = Guid.NewGuid().ToString("N");
        await foreach (string piece in executor.InferAsync(prompt, inference, cancellationToken))
        {
            if (piece.Length == 0) { continue; }
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ResponseId = id };
        }
        cancellationToken.ThrowIfCancellationRequested(); // the executor stops quietly; barge-in must read as cancelled
    }

    /// <summary>The prompt the model sees: the messages through the model's chat template, ending with the assistant's turn.</summary>
    public static string ApplyChatTemplate(LLamaWeights weights, IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(messages);
        var template = new LLamaTemplate(weights) { AddAssistant = true };
        foreach (ChatMessage m in messages) { template.Add(m.Role.Value, m.Text); }
        return PromptTemplateTransformer.ToModelPrompt(template);
    }

    private async Task<LLamaWeights> LoadAsync(CancellationToken cancellationToken)
    {
        if (_weights is { } loaded) { return loaded; }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_weights is { } again) { return again; }
            string path = ModelPath;
            if (!File.Exists(path))
            {
                throw new ServiceUnavailableException("embedded",
                    $"The embedded language model file {path} is missing. Run `{PullCommand}`, or set PIXELHOLO_Llm__ModelFile to a GGUF file.");
            }
            LlmOptions o = llmOptions.Value;
            LlamaNativeBackend backend = LlamaNativeBackend.Load();
            int gpuLayers = backend.GpuLayers(o.GpuLayers);
            var parameters = new ModelParams(path)
            {
                ContextSize = (uint)o.ContextSize,
                GpuLayerCount = gpuLayers,
                Threads = Math.Max(1, Environment.ProcessorCount / 2),
            };
            try
            {
                _weights = await LLamaWeights.LoadFromFileAsync(parameters, cancellationToken);
            }
            catch (Exception ex) when (ex is LLama.Exceptions.LoadWeightsFailedException or LLama.Exceptions.RuntimeError)
            {
                throw new ServiceUnavailableException("embedded",
                    $"The embedded language model {path} did not load ({ex.Message}). It is not a GGUF file llama.cpp reads; run `{PullCommand}` again.", ex);
            }
            _parameters = parameters;
            Backend = $"{backend.Name}, {gpuLayers} GPU layers";
            if (backend.CpuReason(o.GpuLayers) is { } why) { LogCpuOnly(_logger, path, why); }
            else { LogBackend(_logger, path, backend.Name, gpuLayers); }
            return _weights;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded language model {Path} loaded on llama.cpp's {Backend} backend, {GpuLayers} layers on the GPU")]
    private static partial void LogBackend(ILogger logger, string path, string backend, int gpuLayers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded language model {Path} runs on the CPU: {Why}")]
    private static partial void LogCpuOnly(ILogger logger, string path, string why);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
        _weights?.Dispose();
        _weights = null;
        _gate.Dispose();
    }
}
