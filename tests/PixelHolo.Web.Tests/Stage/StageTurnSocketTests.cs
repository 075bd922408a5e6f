using System.Net.WebSockets;
using System.Text.Json;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Stage;
using PixelHolo.Speech.Audio;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>The stage socket against the real turn state machine (loopback Ollama speaking its NDJSON, pocketsphinx,
/// espeak-ng, the loop renderer over the enrolled profile): what the old /ask and /listen tests proved, over the wire.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class StageTurnSocketTests(WebAppFixture web)
{
    private sealed record Answer(string TurnId, string Said, List<(double Start, double Seconds)> Audio, List<(double Ts, int Index)> Frames, bool Interrupted);

    /// <param name="playing">Called once with the turn id when the first piece arrives, as a page reports that it started playing.</param>
    private static async Task<Answer> ReadAnswerAsync(StageClient client, Func<string, Task>? playing = null)
    {
        string? turnId = null;
        var said = new List<string>();
        var audio = new List<(double, double)>();
        var frames = new List<(double, int)>();
        while (await client.ReceiveAsync() is { } message)
        {
            switch (message.Type)
            {
                case "said":
                    said.Add(message.Json!.Value.GetProperty("text").GetString()!);
                    if (turnId is null && playing is not null) { await playing(message.TurnId); }
                    turnId = message.TurnId;
                    break;
                case "audio":
                    (int rate, double start, short[] samples) = message.Audio();
                    audio.Add((start, samples.Length / (double)rate));
                    break;
                case "frame": frames.Add((message.Json!.Value.GetProperty("ts").GetDouble(), message.Json!.Value.GetProperty("index").GetInt32())); break;
                case "state" when message.Json!.Value.GetProperty("state").GetString() == "error":
                    Assert.Fail($"The stage failed: {message.Json!.Value.GetProperty("detail").GetString()}");
                    break;
                case "answerEnded":
                    return new Answer(message.TurnId, string.Join(" ", said), audio, frames, message.Json!.Value.GetProperty("interrupted").GetBoolean());
            }
        }
        throw new InvalidOperationException($"The socket closed before the answer ended ({client.Socket.CloseStatus}: {client.Socket.CloseStatusDescription}).");
    }

    [Fact]
    public async Task Ask_OllamaAnswers_SpeechInOrderFramesCoverItThenIdleAndReport()
    {
        await using StageClient client = await StageClient.ConnectAsync(web.App.Url, web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "who are you" });
        Answer answer = await ReadAnswerAsync(client);
        double seconds = answer.Audio[^1].Start + answer.Audio[^1].Seconds;
        await client.SendJsonAsync(new { type = "playbackStarted", turnId = answer.TurnId });
        await client.SendJsonAsync(new { type = "playbackEnded", turnId = answer.TurnId, played = seconds });
        JsonElement report = await client.ReceiveJsonAsync("turnCompleted");

        Assert.Equal("Hello, I am Ada. Nice to meet you.", answer.Said);
        Assert.False(answer.Interrupted);
        Assert.InRange(seconds, 1.0, 10.0);
        for (int i = 1; i < answer.Audio.Count; i++) { Assert.InRange(answer.Audio[i].Start, answer.Audio[i - 1].Start, answer.Audio[i - 1].Start + answer.Audio[i - 1].Seconds + 0.001); }
        Assert.NotEmpty(answer.Frames);
        Assert.Equal(answer.Frames.Select(f => f.Ts).Order(), answer.Frames.Select(f => f.Ts));
        Assert.InRange(answer.Frames[^1].Ts, seconds - 0.2, seconds + 0.05);
        Assert.Equal("Hello, I am Ada. Nice to meet you.", report.GetProperty("answer").GetString());
        Assert.Equal(answer.TurnId, report.GetProperty("turnId").GetString());
        Assert.Equal(JsonValueKind.Number, report.GetProperty("timings").GetProperty("firstAudio").ValueKind);
        Assert.Contains("idle", report.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Ask_Twice_FootageContinuesWhereTheLastAnswerStopped()
    {
        await using StageClient client = await StageClient.ConnectAsync(web.App.Url, web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "one" });
        Answer first = await ReadAnswerAsync(client);
        await client.SendJsonAsync(new { type = "playbackEnded", turnId = first.TurnId, played = first.Audio[^1].Start + first.Audio[^1].Seconds });
        await client.ReceiveJsonAsync("turnCompleted");
        await client.SendJsonAsync(new { type = "ask", text = "two" });
        Answer second = await ReadAnswerAsync(client);

        Assert.NotEqual(first.TurnId, second.TurnId);
        Assert.NotEqual(first.Frames[0].Index, second.Frames[0].Index);
    }

    [Fact]
    public async Task Mic_PressToTalkWithARealRecordingThenSilence_TranscribedThenAnswered()
    {
        await using StageClient client = await StageClient.ConnectAsync(web.App.Url, web.ProfileId, "?mode=pressToTalk");
        await client.ReceiveJsonAsync("hello");
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        float[] samples = [.. speech.Samples.ToArray(), .. new float[16_000 * 2]];

        await client.SendJsonAsync(new { type = "keyDown" });
        await client.SendJsonAsync(new { type = "keyUp" });
        // As a page does, the stage is read while the microphone still sends: the pause after "Americans" ends the question
        // about 3 s in, and the answer is produced (and, unreported, concluded as overdue) before the 13 s of audio are sent.
        Task<(string Heard, Answer Answer)> reading = Task.Run(async () =>
        {
            var seen = new List<string>();
            string? heard = null;
            while (heard is null)
            {
                Received message = await client.ReceiveAsync() ?? throw new InvalidOperationException($"Closed; saw {string.Join(", ", seen)}");
                if (message.Json is not { } json) { continue; }
                seen.Add(json.ToString());
                Assert.False(json.GetProperty("type").GetString() == "state" && json.GetProperty("state").GetString() is "error" or "idle", $"The turn ended without an answer: {string.Join(", ", seen)}");
                if (json.GetProperty("type").GetString() == "heard" && json.GetProperty("final").GetBoolean()) { heard = json.GetProperty("text").GetString()!; }
            }
            // "Playback started" when the first piece arrives, as a page reports it.
            Answer answered = await ReadAnswerAsync(client, async turnId => await client.SendJsonAsync(new { type = "playbackStarted", turnId }));
            // The page played it all.
            await client.SendJsonAsync(new { type = "playbackEnded", turnId = answered.TurnId, played = answered.Audio.Max(a => a.Start + a.Seconds) });
            return (heard, answered);
        });
        // A microphone delivers 100 ms every 100 ms: the machine's question length and its voice detection run on that
        // clock (13 s pushed at once would outrun the detector and count as 8 s without speech).
        using (var device = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
        {
            for (int at = 0; at < samples.Length && !reading.IsFaulted && await device.WaitForNextTickAsync(); at += 1600)
            {
                short[] chunk = [.. samples.AsSpan(at, Math.Min(1600, samples.Length - at)).ToArray().Select(s => (short)Math.Clamp(s * 32767, -32768, 32767))];
                await client.SendAsync(StageClient.Mic(chunk), WebSocketMessageType.Binary);
            }
        }
        (string heard, Answer answer) = await reading;

        Assert.Contains("america", heard, StringComparison.OrdinalIgnoreCase); // "And so my fellow Americans" — the pause after it ends the turn
        Assert.Equal("Hello, I am Ada. Nice to meet you.", answer.Said);

        // The page played it all: the turn is concluded, stored with its timings, and the next question carries it as history.
        JsonElement completed;
        do { completed = await client.ReceiveJsonAsync("turnCompleted"); } while (completed.GetProperty("turnId").GetString() != answer.TurnId);
        string[] states = [.. completed.GetProperty("states").EnumerateArray().Select(e => e.GetString()!).Where(s => s is not ("searching" or "searchFailed"))];
        Assert.Equal(["listening", "transcribing", "thinking", "speaking", "idle"], states);
        using JsonDocument turns = JsonDocument.Parse(await web.Http.GetStringAsync("/api/status/turns?count=50"));
        JsonElement row = Assert.Single(turns.RootElement.GetProperty("turns").EnumerateArray(), t => t.GetProperty("turnId").GetString() == answer.TurnId);
        Assert.False(row.GetProperty("failed").GetBoolean());
        string[] stored = [.. row.GetProperty("timings").EnumerateObject().Select(p => p.Name)];
        Assert.Contains("transcript", stored);
        Assert.Contains("firstToken", stored);
        Assert.Contains("firstAudio", stored);
        Assert.Contains("firstPlayed", stored);
        Assert.Contains("total", stored);
        await client.SendJsonAsync(new { type = "ask", text = "and then?" });
        await ReadAnswerAsync(client);
        JsonElement[] messages = [.. web.Ollama.ChatRequests.Last().RootElement.GetProperty("messages").EnumerateArray()];
        Assert.Contains(messages, m => m.GetProperty("role").GetString() == "user" && m.GetProperty("content").GetString()!.Contains("america", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(messages, m => m.GetProperty("role").GetString() == "assistant" && m.GetProperty("content").GetString() == "Hello, I am Ada. Nice to meet you.");
    }

    [Fact]
    public async Task Ask_OllamaDown_ErrorStateWithTheFixAndTheNextConnectionStillOpens()
    {
        await using RunningWebApp down = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(web.RuntimeDirectory, LoopbackOllama.UnusedEndpoint()));
        await using StageClient client = await StageClient.ConnectAsync(down.Url, web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "hello" });
        JsonElement state;
        do { state = await client.ReceiveJsonAsync("state"); } while (state.GetProperty("state").GetString() != "error");

        Assert.Contains("ollama", state.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await using StageClient next = await StageClient.ConnectAsync(down.Url, web.ProfileId);
        Assert.Equal("hello", (await next.ReceiveAsync())!.Type);
    }

    [Fact]
    public async Task StateChanges_ReachTheStageObservers_FaceTrackingKeepsFollowingTheStage()
    {
        var observer = new RecordingObserver();
        Dictionary<string, string?> settings = WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint);
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], settings,
            s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IStageObserver>(s, observer));
        await using StageClient client = await StageClient.ConnectAsync(app.Url, web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "hi" });
        Answer answer = await ReadAnswerAsync(client);
        await client.SendJsonAsync(new { type = "playbackEnded", turnId = answer.TurnId, played = answer.Audio[^1].Start + answer.Audio[^1].Seconds });
        JsonElement report = await client.ReceiveJsonAsync("turnCompleted");

        StageState[] reported = [.. report.GetProperty("states").EnumerateArray().Select(s => Enum.Parse<StageState>(s.GetString()!, ignoreCase: true))];
        Assert.Equal(reported, observer.States);
        Assert.Contains(StageState.Speaking, observer.States);
    }

    private sealed class RecordingObserver : IStageObserver
    {
        private readonly List<StageState> _states = [];

        public StageState[] States { get { lock (_states) { return [.. _states]; } } }

        public void OnStageChanged(StageEvent stageEvent) { lock (_states) { _states.Add(stageEvent.State); } }
    }
}
