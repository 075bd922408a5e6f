using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PixelHolo.TestSupport;

/// <summary>A real HTTP server on 127.0.0.1 speaking Ollama's wire format: GET /api/version, GET /api/tags,
/// POST /api/pull (streamed status lines) and POST /api/chat (application/x-ndjson, one message per line, then done).</summary>
public sealed class LoopbackOllama : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackOllama(WebApplication app) => _app = app;

    /// <summary>Models the server "has" (names as Ollama lists them, e.g. "phi4-mini:latest").</summary>
    public ConcurrentBag<string> Models { get; } = [];

    /// <summary>Tokens streamed as the answer to every chat.</summary>
    public IReadOnlyList<string> AnswerTokens { get; set; } = ["Hello", " there", "!"];

    /// <summary>Every /api/chat request body, as received.</summary>
    public ConcurrentQueue<JsonDocument> ChatRequests { get; } = new();

    /// <summary>Models asked for through /api/pull.</summary>
    public ConcurrentQueue<string> Pulls { get; } = new();

    /// <summary>Delay before each streamed token (to test timeouts and cancellation).</summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Tokens written to chat streams so far (all chats).</summary>
    public int TokensSent => _tokensSent;

    /// <summary>Chat streams the client closed before the answer was complete (barge-in).</summary>
    public int ChatsAborted => _chatsAborted;

    /// <summary>Completes when a client closes a chat stream early.</summary>
    public TaskCompletionSource ChatAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, the server breaks the connection after this many tokens (a model dying mid-stream).</summary>
    public int? DieAfterTokens { get; set; }

    /// <summary>When set, the server stops sending after this many tokens but keeps the connection open until the client
    /// closes it (a model that hangs mid-answer).</summary>
    public int? StallAfterTokens { get; set; }

    private int _tokensSent;
    private int _chatsAborted;

    public Uri Endpoint => new(_app.Urls.First());

    public static async Task<LoopbackOllama> StartAsync(params string[] models)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var server = new LoopbackOllama(app);
        foreach (string m in models) { server.Models.Add(m); }
        app.MapGet("/api/version", () => Results.Json(new { version = "0.12.6" }));
        app.MapGet("/api/tags", () => Results.Json(new { models = server.Models.Select(m => new { name = m, model = m, size = 2_490_000_000L }) }));
        app.MapPost("/api/pull", async (HttpContext context) => await server.PullAsync(context));
        app.MapPost("/api/chat", async (HttpContext context) => await server.ChatAsync(context));
        await app.StartAsync();
        return server;
    }

    private async Task PullAsync(HttpContext context)
    {
        using JsonDocument body = await JsonDocument.ParseAsync(context.Request.Body);
        string model = body.RootElement.GetProperty("model").GetString()!;
        Pulls.Enqueue(model);
        context.Response.ContentType = "application/x-ndjson";
        foreach (string status in new[] { "pulling manifest", "downloading", "verifying sha256 digest", "writing manifest", "success" })
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { status }) + "\n");
            await context.Response.Body.FlushAsync();
        }
        Models.Add(model.Contains(':', StringComparison.Ordinal) ? model : model + ":latest");
    }

    private async Task ChatAsync(HttpContext context)
    {
        JsonDocument body = await JsonDocument.ParseAsync(context.Request.Body);
        ChatRequests.Enqueue(body);
        string model = body.RootElement.GetProperty("model").GetString()!;
        if (!Models.Contains(model) && !Models.Contains(model + ":latest"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"model '{model}' not found" });
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        int sent = 0;
        try
        {
            foreach (string token in AnswerTokens)
            {
                if (TokenDelay > TimeSpan.Zero) { await Task.Delay(TokenDelay, context.RequestAborted); }
                if (DieAfterTokens is int die && sent >= die)
                {
                    context.Abort(); // the connection breaks mid-answer, as when the model's process dies
                    return;
                }
                if (StallAfterTokens is int stall && sent >= stall)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted); // ends when the client gives up
                }
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    model, created_at = "2026-11-25T12:00:00Z", message = new { role = "assistant", content = token }, done = false,
                }) + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                sent++;
                Interlocked.Increment(ref _tokensSent);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _chatsAborted);
            ChatAborted.TrySetResult();
            return;
        }
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            model, created_at = "2026-11-25T12:00:01Z", message = new { role = "assistant", content = "" }, done = true, done_reason = "stop",
            total_duration = 1_000_000, prompt_eval_count = 20, eval_count = AnswerTokens.Count,
        }) + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (JsonDocument d in ChatRequests) { d.Dispose(); }
    }

    /// <summary>An address where nothing listens (a port just released), to test "Ollama is down".</summary>
    public static Uri UnusedEndpoint()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
