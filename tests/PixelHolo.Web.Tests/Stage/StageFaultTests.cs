using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>Faults injected with real processes and listeners under the real turn state machine (issue 15, item 4), over
/// the stage socket: the turn goes on, or that one turn fails with the Error state, and the next one works.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class StageFaultTests(WebAppFixture web)
{
    [Fact]
    public async Task Ask_SearchProviderAcceptsButNeverAnswers_TurnGoesOnThroughSearchFailedAndAnswers()
    {
        await using var hanging = HangingServer.Start();
        Dictionary<string, string?> settings = WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint);
        settings["Search:Providers:0"] = "DuckDuckGo"; // the provider that takes any query (Wikipedia declines the weather)
        settings["Search:DuckDuckGoBaseUrl"] = hanging.Url;
        settings["Search:TurnBudget"] = "00:00:01";
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], settings);
        await using StageClient client = await StageClient.ConnectAsync(app.Url, web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "what is the weather like in new york" });
        var states = new List<string>();
        string? turnId = null;
        double played = 0;
        JsonElement report;
        while (true)
        {
            Received message = await client.ReceiveAsync() ?? throw new InvalidOperationException($"The stage closed mid-turn ({client.Socket.CloseStatusDescription}).");
            if (message.Type == "state") { states.Add(message.Json!.Value.GetProperty("state").GetString()!); }
            if (message.Type == "audio") { (int rate, double start, short[] samples) = message.Audio(); played = Math.Max(played, start + (samples.Length / (double)rate)); }
            if (message.Type == "answerEnded")
            {
                turnId = message.TurnId;
                await client.SendJsonAsync(new { type = "playbackStarted", turnId });
                await client.SendJsonAsync(new { type = "playbackEnded", turnId, played });
            }
            if (message.Type == "turnCompleted") { report = message.Json!.Value; break; }
        }

        Assert.True(hanging.Accepted > 0, $"the search provider was never asked: {string.Join(" → ", states)}; {report}");
        int failed = states.IndexOf("searchFailed");
        Assert.True(failed > 0 && states[failed - 1] == "searching", string.Join(" → ", states));
        Assert.True(states.IndexOf("speaking") > failed && states[^1] == "idle", string.Join(" → ", states));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("error").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(report.GetProperty("answer").GetString()));
        Assert.Contains("searchFailed", report.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
    }

    /// <summary>A loopback listener that accepts every connection and never sends a byte (a search site that hangs).</summary>
    private sealed class HangingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly Task _accepting;
        private int _accepted;

        private HangingServer()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

        public int Accepted => Volatile.Read(ref _accepted);

        public static HangingServer Start() => new();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    TcpClient client = await _listener.AcceptTcpClientAsync();
                    lock (_held) { _held.Add(client); }
                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { } // stopped
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
            lock (_held) { foreach (TcpClient client in _held) { client.Dispose(); } }
        }
    }
}
