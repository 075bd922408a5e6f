using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Exceptions;
using PixelHolo.Core.Errors;
using PixelHolo.Processes;

namespace PixelHolo.Conversation.Llm;

/// <summary>Makes sure Ollama answers and has the model, through OllamaSharp's own API: the version probe, the local model
/// list and the pull with progress. Starts `ollama serve` (listening where Llm:Endpoint points, through OLLAMA_HOST) when
/// allowed and the binary is on PATH.</summary>
public sealed partial class OllamaServer(IHttpClientFactory httpClients, IOptions<LlmOptions> options, TimeProvider time, ILogger<OllamaServer> logger, ToolRunner? tools = null)
    : ILanguageModelReadiness, IDisposable, IAsyncDisposable
{
    public const string HttpClientName = "ollama";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ToolRunner _tools = tools ?? new ToolRunner(time);
    private RunningTool? _started;
    private volatile bool _ready;

    public string Name => $"ollama:{options.Value.Model}";

    /// <summary>Pull progress (0..1) of the last pull, for logs and the status page.</summary>
    public double? PullProgress { get; private set; }

    /// <summary>Returns once the server answers and has the model; otherwise throws <see cref="ServiceUnavailableException"/> with the fix.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready) { return; }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready) { return; }
            LlmOptions o = options.Value;
            var client = new OllamaApiClient(httpClients.CreateClient(HttpClientName), o.Model);
            string? version = await TryGetVersionAsync(client, cancellationToken);
            if (version is null && o.AutoStart && TryStartServer(o.OllamaExecutable, o.Endpoint))
            {
                long started = time.GetTimestamp();
                while (version is null && time.GetElapsedTime(started) < o.StartTimeout)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
                    version = await TryGetVersionAsync(client, cancellationToken);
                }
            }
            if (version is null)
            {
                throw new ServiceUnavailableException("ollama",
                    $"Ollama is not reachable at {o.Endpoint}. Start it with `ollama serve` (install from ollama.com) and fetch the " +
                    $"model with `ollama pull {o.Model}`, or point PIXELHOLO_Llm__Endpoint at a running server.");
            }
            LogVersion(logger, o.Endpoint, version);
            if (!await HasModelAsync(client, o.Model, cancellationToken))
            {
                if (!o.AutoPull)
                {
                    throw new ServiceUnavailableException("ollama",
                        $"Ollama at {o.Endpoint} does not have the model '{o.Model}'. Run `ollama pull {o.Model}` or set PIXELHOLO_Llm__Model to one it has.");
                }
                await PullAsync(client, o.Model, cancellationToken);
            }
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<LanguageModelStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        LlmOptions o = options.Value;
        var client = new OllamaApiClient(httpClients.CreateClient(HttpClientName), o.Model);
        string? version = await TryGetVersionAsync(client, cancellationToken);
        if (version is null) { return new LanguageModelStatus("ollama", o.Model, false, $"not reachable at {o.Endpoint}; start it with `ollama serve`"); }
        bool has = await HasModelAsync(client, o.Model, cancellationToken);
        return new LanguageModelStatus("ollama", o.Model, has,
            has ? $"Ollama {version} at {o.Endpoint}" : $"Ollama {version} at {o.Endpoint} lacks '{o.Model}'; run `ollama pull {o.Model}`");
    }

    public string DescribeFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _ready = false; // the next turn probes again
        LlmOptions o = options.Value;
        return exception switch
        {
            ServiceUnavailableException or TimeoutException => exception.Message,
            HttpRequestException { StatusCode: System.Net.HttpStatusCode.NotFound } or ResponseError =>
                $"Ollama at {o.Endpoint} could not run the model '{o.Model}' ({exception.Message}). Run `ollama pull {o.Model}` or set PIXELHOLO_Llm__Model.",
            HttpRequestException or IOException =>
                $"Ollama at {o.Endpoint} stopped answering ({exception.Message}). Check `ollama serve` is running, or set PIXELHOLO_Llm__Endpoint.",
            _ => $"Ollama ({o.Model} at {o.Endpoint}) failed: {exception.Message}",
        };
    }

    /// <summary>Forget the "ready" state (after a failure) so the next turn probes again.</summary>
    public void Invalidate() => _ready = false;

    private static async Task<string?> TryGetVersionAsync(OllamaApiClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(ProbeTimeout);
            return (await client.GetVersionAsync(probe.Token)).ToString();
        }
        catch (HttpRequestException) { return null; }
        catch (System.Text.Json.JsonException) { return null; }
        catch (OllamaException) { return null; }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
    }

    private static async Task<bool> HasModelAsync(OllamaApiClient client, string model, CancellationToken cancellationToken)
    {
        string wanted = model.Contains(':', StringComparison.Ordinal) ? model : model + ":latest";
        IEnumerable<Model> models = await client.ListLocalModelsAsync(cancellationToken);
        return models.Any(m => m.Name == model || m.Name == wanted);
    }

    private async Task PullAsync(OllamaApiClient client, string model, CancellationToken cancellationToken)
    {
        LogPulling(logger, model);
        string? last = null;
        int lastPercent = -1;
        try
        {
            await foreach (PullModelResponse? step in client.PullModelAsync(new PullModelRequest { Model = model }, cancellationToken))
            {
                if (step is null) { continue; }
                last = step.Status;
                if (step.Total > 0)
                {
                    PullProgress = step.Completed / (double)step.Total;
                    int percent = (int)(PullProgress * 100);
                    if (percent / 10 != lastPercent / 10) { LogPullProgress(logger, model, percent); lastPercent = percent; }
                }
            }
        }
        catch (ResponseError error)
        {
            throw new ServiceUnavailableException("ollama",
                $"Ollama could not pull '{model}': {error.Message}. Check the model name (ollama.com/library) or run `ollama pull {model}` yourself.", error);
        }
        if (last != "success")
        {
            throw new ServiceUnavailableException("ollama", $"Pulling '{model}' did not finish (last status: {last ?? "none"}). Run `ollama pull {model}`.");
        }
        PullProgress = 1;
        LogPulled(logger, model);
    }

    private bool TryStartServer(string executable, Uri endpoint)
    {
        var command = new ToolCommand("ollama", executable, ["serve"])
        {
            Fix = "Install Ollama (ollama.com) and put `ollama` on PATH (or set Llm:OllamaExecutable), or start it yourself and set Llm:Endpoint.",
            // `ollama serve` listens where OLLAMA_HOST says; make it the address we will talk to.
            Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["OLLAMA_HOST"] = string.Create(CultureInfo.InvariantCulture, $"{endpoint.Host}:{endpoint.Port}"),
            },
        };
        try
        {
            _started = _tools.Start(command);
        }
        catch (MediaToolException ex) when (ex.Failure == ToolFailure.NotFound)
        {
            return false; // not installed: the caller's message says how to get it
        }
        LogStarted(logger, _started.Id, endpoint);
        return true;
    }

    /// <summary>Whether this instance started `ollama serve` (and will stop it on dispose).</summary>
    public int? StartedProcessId => _started?.Id;

    public void Dispose()
    {
        // The runner's tool is asynchronous to dispose; the container calls DisposeAsync, this is for plain `using`.
        DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (_started is { } server)
        {
            _started = null;
            await server.DisposeAsync(); // kills the tree, waits and drains its pipes
        }
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ollama {Version} at {Endpoint}")]
    private static partial void LogVersion(ILogger logger, Uri endpoint, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started `ollama serve` (pid {ProcessId}) for {Endpoint}")]
    private static partial void LogStarted(ILogger logger, int processId, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling model {Model} into Ollama")]
    private static partial void LogPulling(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling model {Model}: {Percent} %")]
    private static partial void LogPullProgress(ILogger logger, string model, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} pulled")]
    private static partial void LogPulled(ILogger logger, string model);
}
