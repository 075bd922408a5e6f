using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Errors;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Llm;

/// <summary>The auto-start path of <see cref="OllamaServer"/> with a stand-in `ollama` program: a real process that, on
/// `serve`, waits a moment and then answers Ollama's /api/version and /api/tags on the address OLLAMA_HOST names.</summary>
public sealed class OllamaServerTests : IDisposable
{
    private readonly TempDirectory _folder = new("ollama-standin");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EnsureReadyAsync_NotRunning_StartsServeWaitsUntilItAnswersAndStopsItOnDispose()
    {
        Uri endpoint = FreeLoopbackEndpoint();
        string executable = WriteStandIn();
        var server = Create(endpoint, executable);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int? pid;
        try
        {
            await server.EnsureReadyAsync(patience.Token);

            pid = server.StartedProcessId;
            Assert.NotNull(pid);
            Assert.Equal($"serve {endpoint.Host}:{endpoint.Port}", (await File.ReadAllTextAsync(_folder.File("started.txt"))).Trim());
            LanguageModelStatus status = await server.GetStatusAsync();
            Assert.True(status.Ready, status.Detail);
            Assert.Contains("0.0.0-standin", status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.True(HasExited(pid.Value), $"the started `ollama serve` (pid {pid}) still runs after the server was disposed");
        using var http = new HttpClient { BaseAddress = endpoint };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("api/version", UriKind.Relative)));
    }

    [Fact]
    public async Task EnsureReadyAsync_OllamaNotInstalled_SaysHowToStartOrPointElsewhere()
    {
        Uri endpoint = FreeLoopbackEndpoint();
        var server = Create(endpoint, _folder.File("no-such-ollama"));
        await using var _ = server;

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => server.EnsureReadyAsync());

        Assert.Null(server.StartedProcessId);
        Assert.Contains($"not reachable at {endpoint}", error.Message, StringComparison.Ordinal);
        Assert.Contains("`ollama serve`", error.Message, StringComparison.Ordinal);
        Assert.Contains("PIXELHOLO_Llm__Endpoint", error.Message, StringComparison.Ordinal);
    }

    private static OllamaServer Create(Uri endpoint, string executable) => new(
        new FixedClients(endpoint),
        Options.Create(new LlmOptions { Endpoint = endpoint, Model = "phi4-mini", OllamaExecutable = executable, AutoPull = false, StartTimeout = TimeSpan.FromSeconds(20) }),
        TimeProvider.System, NullLogger<OllamaServer>.Instance);

    /// <summary>A bash `ollama` that records its arguments and runs a Python HTTP server after a short start-up.</summary>
    private string WriteStandIn()
    {
        string script = _folder.File("ollama");
        string started = _folder.File("started.txt");
        File.WriteAllText(script, $$$"""
            #!/usr/bin/env bash
            set -euo pipefail
            [ "$1" = serve ] || { echo "stand-in only serves" >&2; exit 2; }
            echo "$1 $OLLAMA_HOST" > '{{{started}}}'
            sleep 1 # a real server takes a moment too: the caller must wait for it to answer
            exec python3 -c '
            import http.server, json, os
            host, port = os.environ["OLLAMA_HOST"].rsplit(":", 1)
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    bodies = {"/api/version": {"version": "0.0.0-standin"},
                              "/api/tags": {"models": [{"name": "phi4-mini:latest", "model": "phi4-mini:latest", "modified_at": "2026-01-01T00:00:00Z", "size": 1, "digest": "0"}]}}
                    body = json.dumps(bodies.get(self.path, {})).encode()
                    self.send_response(200 if self.path in bodies else 404)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer((host, int(port)), Handler).serve_forever()
            '
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux()) { File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
        return script;
    }

    /// <summary>A loopback port nobody listens on now (the OS picks it; no fixed port).</summary>
    private static Uri FreeLoopbackEndpoint()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process any more
        }
    }

    private sealed class FixedClients(Uri endpoint) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { BaseAddress = endpoint };
    }
}
