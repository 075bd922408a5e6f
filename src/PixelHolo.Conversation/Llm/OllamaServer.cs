using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;

namespace PixelHolo.Conversation.Llm;

/// <summary>Makes sure Ollama answers and has the model: probes GET /api/version (the original probed a wrong URL and waited 12 s
/// on every start), starts `ollama serve` when allowed, lists /api/tags and pulls a missing model with POST /api/pull.</summary>
public sealed partial class OllamaServer(IHttpClientFactory httpClients, IOptions<LlmOptions> options, TimeProvider time, ILogger<OllamaServer> logger) : IDisposable
{
    public const string HttpClientName = "ollama";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _started;
    private bool _ready;

    /// <summary>Returns once the server answers and has the model; otherwise throws <see cref="ServiceUnavailableException"/> with the fix.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready) { return; }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready) { return; }
            LlmOptions o = options.Value;
            HttpClient http = httpClients.CreateClient(HttpClientName);
            string? version = await TryGetVersionAsync(http, cancellationToken);
            if (version is null && o.AutoStart && TryStartServer())
            {
                for (int i = 0; i < 40 && version is null; i++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
                    version = await TryGetVersionAsync(http, cancellationToken);
                }
            }
            if (version is null)
            {
                throw new ServiceUnavailableException("ollama",
                    $"Ollama is not reachable at {o.Endpoint}. Start it with `ollama serve` (install from ollama.com), " +
                    "or point PIXELHOLO_Llm__Endpoint at a running server.");
            }
            LogVersion(logger, o.Endpoint, version);
            if (!await HasModelAsync(http, o.Model, cancellationToken))
            {
                if (!o.AutoPull)
                {
                    throw new ServiceUnavailableException("ollama",
                        $"Ollama at {o.Endpoint} does not have the model '{o.Model}'. Run `ollama pull {o.Model}` or set PIXELHOLO_Llm__Model to one it has.");
                }
                await PullAsync(http, o.Model, cancellationToken);
            }
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget the "ready" state (after a failure) so the next turn probes again.</summary>
    public void Invalidate() => _ready = false;

    public static async Task<string?> TryGetVersionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(2));
            using JsonDocument doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/version", UriKind.Relative), probe.Token));
            return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
        }
        catch (HttpRequestException) { return null; }
        catch (JsonException) { return null; }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
    }

    private static async Task<bool> HasModelAsync(HttpClient http, string model, CancellationToken cancellationToken)
    {
        using JsonDocument doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/tags", UriKind.Relative), cancellationToken));
        if (!doc.RootElement.TryGetProperty("models", out JsonElement models)) { return false; }
        string wanted = model.Contains(':', StringComparison.Ordinal) ? model : model + ":latest";
        foreach (JsonElement m in models.EnumerateArray())
        {
            string name = m.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            if (name == model || name == wanted) { return true; }
        }
        return false;
    }

    private async Task PullAsync(HttpClient http, string model, CancellationToken cancellationToken)
    {
        LogPulling(logger, model);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/pull", UriKind.Relative))
        {
            Content = JsonContent.Create(new { model, stream = true }),
        };
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body);
        string? last = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0) { continue; }
            using JsonDocument doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                throw new ServiceUnavailableException("ollama",
                    $"Ollama could not pull '{model}': {error.GetString()}. Check the model name (ollama.com/library) or run `ollama pull {model}` yourself.");
            }
            last = doc.RootElement.TryGetProperty("status", out var status) ? status.GetString() : last;
        }
        if (!response.IsSuccessStatusCode || last != "success")
        {
            throw new ServiceUnavailableException("ollama", $"Pulling '{model}' did not finish (last status: {last ?? "none"}). Run `ollama pull {model}`.");
        }
        LogPulled(logger, model);
    }

    private bool TryStartServer()
    {
        try
        {
            var info = new ProcessStartInfo("ollama") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("serve");
            _started = Process.Start(info);
            if (_started is null) { return false; }
            _started.OutputDataReceived += (_, _) => { };
            _started.ErrorDataReceived += (_, _) => { };
            _started.BeginOutputReadLine();
            _started.BeginErrorReadLine();
            LogStarted(logger);
            return true;
        }
        catch (Win32Exception)
        {
            return false; // not installed: the caller's message says how to get it
        }
    }

    public void Dispose()
    {
        if (_started is { } process)
        {
            try { if (!process.HasExited) { process.Kill(entireProcessTree: true); } }
            catch (InvalidOperationException) { /* already gone */ }
            process.Dispose();
            _started = null;
        }
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ollama {Version} at {Endpoint}")]
    private static partial void LogVersion(ILogger logger, Uri endpoint, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started `ollama serve`")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling model {Model} into Ollama")]
    private static partial void LogPulling(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} pulled")]
    private static partial void LogPulled(ILogger logger, string model);
}
