using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>The stage WebSocket on real Kestrel with <see cref="ClientWebSocket"/>: shapes, order, limits, closes
/// (docs/stage-protocol.md). The turn state machine is the scripted one; the real one has its own tests.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class StageSocketTests(WebAppFixture web)
{
    [Fact]
    public async Task Connect_ReadyProfile_HelloWithModeStateAndLimits()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId, "?mode=hands-free");

        JsonElement hello = (await client.ReceiveAsync())!.Json!.Value;

        Assert.Equal("hello", hello.GetProperty("type").GetString());
        Assert.Equal(1, hello.GetProperty("protocol").GetInt32());
        Assert.Equal(web.ProfileId, hello.GetProperty("profileId").GetString());
        Assert.Equal("handsFree", hello.GetProperty("mode").GetString());
        Assert.Equal("idle", hello.GetProperty("state").GetString());
        Assert.Equal(16000, hello.GetProperty("micSampleRateHz").GetInt32());
        Assert.Equal(8192, hello.GetProperty("maxTextBytes").GetInt32());
        Assert.Equal(65536, hello.GetProperty("maxBinaryBytes").GetInt32());
        Assert.Equal(ListeningMode.HandsFree, app.Factory.Last.Mode);
    }

    [Fact]
    public async Task Ask_TypedQuestion_EveryOutputArrivesInTheMachinesOrderAndShape()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "  who are you " });
        var received = new List<Received>();
        while (await client.ReceiveAsync() is { } message)
        {
            received.Add(message);
            if (message.Type == "answerEnded") { break; }
        }

        ScriptedStageConversation machine = app.Factory.Last;
        Assert.Equal("who are you", Assert.IsType<StageInput.TextQuestion>(Assert.Single(machine.Inputs)).Text);
        StageOutput[] outputs = [.. machine.Outputs];
        Assert.Equal(outputs.Length, received.Count);
        for (int i = 0; i < outputs.Length; i++) { AssertSame(outputs[i], received[i]); }
        Assert.Contains(received, r => r.Type == "audio");
        Assert.Contains(received, r => r.Type == "frame");
    }

    private static void AssertSame(StageOutput expected, Received actual)
    {
        switch (expected)
        {
            case StageOutput.StateChanged s:
                Assert.Equal("state", actual.Type);
                Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(s.Event.State.ToString()), actual.Json!.Value.GetProperty("state").GetString());
                Assert.Equal(s.TurnId, actual.Json!.Value.GetProperty("turnId").GetString());
                break;
            case StageOutput.Said s:
                Assert.Equal("said", actual.Type);
                Assert.Equal(s.Text, actual.Json!.Value.GetProperty("text").GetString());
                Assert.Equal(s.TurnId, actual.TurnId);
                break;
            case StageOutput.Audio a:
                Assert.Equal("audio", actual.Type);
                Assert.Equal(a.TurnId, actual.TurnId);
                (int rate, double start, short[] samples) = actual.Audio();
                Assert.Equal(a.Chunk.SampleRateHz, rate);
                Assert.Equal(a.Chunk.Start.TotalSeconds, start, 9);
                Assert.Equal(a.Chunk.Samples.Length, samples.Length);
                for (int i = 0; i < samples.Length; i += 97) { Assert.InRange(samples[i] - (a.Chunk.Samples.Span[i] * 32767), -1, 1); }
                break;
            case StageOutput.Frame f:
                Assert.Equal("frame", actual.Type);
                Assert.Equal(f.TurnId, actual.TurnId);
                Assert.Equal(f.Value.Timestamp.TotalSeconds, actual.Json!.Value.GetProperty("ts").GetDouble(), 6);
                Assert.Equal(f.Value.SourceFrame, actual.Json!.Value.GetProperty("index").GetInt32());
                break;
            case StageOutput.AnswerEnded e:
                Assert.Equal("answerEnded", actual.Type);
                Assert.Equal(e.Interrupted, actual.Json!.Value.GetProperty("interrupted").GetBoolean());
                break;
            default:
                Assert.Fail($"The script made an unexpected {expected.GetType().Name}.");
                break;
        }
    }

    [Fact]
    public async Task Encode_RenderedJpegFrameAndHeardText_BinaryKind2WithTimestampAndHeardMessage()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

        app.Factory.Last.Push(new StageOutput.Heard("t-7", "what is the time", IsFinal: false));
        app.Factory.Last.Push(new StageOutput.Frame("t-7", new AvatarFrame(TimeSpan.FromSeconds(1.25), null, jpeg)));

        JsonElement heard = (await client.ReceiveAsync())!.Json!.Value;
        Assert.Equal("heard", heard.GetProperty("type").GetString());
        Assert.Equal("what is the time", heard.GetProperty("text").GetString());
        Assert.False(heard.GetProperty("final").GetBoolean());
        byte[] frame = (await client.ReceiveAsync())!.Binary!;
        Assert.Equal([0x02, 3, (byte)'t', (byte)'-', (byte)'7'], frame[..5]);
        Assert.Equal(1.25, BitConverter.ToDouble(frame, 5));
        Assert.Equal(jpeg, frame[13..]);
    }

    [Fact]
    public async Task Mic_BinaryPcm_ReachesTheMachineAsContiguous16kChunksWithExactSamples()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendAsync(StageClient.Mic(0, 16384, -32768, 32767), WebSocketMessageType.Binary);
        await client.SendAsync(StageClient.Mic([.. Enumerable.Repeat((short)100, 1600)]), WebSocketMessageType.Binary);
        await client.SendAsync(StageClient.Mic(-1, 1), WebSocketMessageType.Binary);

        List<StageInput.MicAudio> mic = await app.Factory.Last.WaitForInputsAsync<StageInput.MicAudio>(3);
        Assert.Equal([0f, 0.5f, -1f, 32767 / 32768f], mic[0].Audio.Samples.ToArray());
        Assert.All(mic, m => Assert.Equal((16000, 1), (m.Audio.SampleRateHz, m.Audio.Channels)));
        Assert.Equal([0.0, 4 / 16000.0, 1604 / 16000.0], mic.Select(m => m.Audio.Start.TotalSeconds));
    }

    [Fact]
    public async Task Mode_SwitchToHoldToTalk_MachineToldAndPageAnswered()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "mode", mode = "holdToTalk" });

        Assert.Equal("holdToTalk", (await client.ReceiveJsonAsync("mode")).GetProperty("mode").GetString());
        Assert.Equal(ListeningMode.HoldToTalk, Assert.IsType<StageInput.SetListeningMode>(Assert.Single(app.Factory.Last.Inputs)).Mode);
    }

    [Fact]
    public async Task PlaybackReports_KeysAndPositions_BecomeMachineInputsInOrder()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "keyDown" });
        await client.SendJsonAsync(new { type = "keyUp" });
        await client.SendJsonAsync(new { type = "playbackStarted", turnId = "t1" });
        await client.SendJsonAsync(new { type = "playbackPosition", turnId = "t1", played = 0.25 });
        await client.SendJsonAsync(new { type = "playbackEnded", turnId = "t1", played = 1.5 });

        await app.Factory.Last.WaitForInputAsync(i => i is StageInput.PlaybackEnded);
        Assert.Equal<StageInput>(
            [new StageInput.KeyDown(), new StageInput.KeyUp(), new StageInput.PlaybackStarted("t1"),
             new StageInput.PlaybackPosition("t1", TimeSpan.FromSeconds(0.25)), new StageInput.PlaybackEnded("t1", TimeSpan.FromSeconds(1.5))],
            [.. app.Factory.Last.Inputs]);
    }

    public static TheoryData<string, byte[], bool, int, string> BadMessages() => new()
    {
        { "not JSON", Encoding.UTF8.GetBytes("hello there"), true, 1007, "not JSON" },
        { "array", Encoding.UTF8.GetBytes("[1,2]"), true, 1008, "JSON object" },
        { "no type", Encoding.UTF8.GetBytes("{\"text\":\"hi\"}"), true, 1008, "\"type\"" },
        { "unknown type", Encoding.UTF8.GetBytes("{\"type\":\"dance\"}"), true, 1008, "Unknown message type 'dance'" },
        { "ask without text", Encoding.UTF8.GetBytes("{\"type\":\"ask\"}"), true, 1008, "\"text\"" },
        { "question too long", Encoding.UTF8.GetBytes($"{{\"type\":\"ask\",\"text\":\"{new string('a', 2001)}\"}}"), true, 1008, "1 to 2000 characters" },
        { "negative position", Encoding.UTF8.GetBytes("{\"type\":\"playbackPosition\",\"turnId\":\"t\",\"played\":-1}"), true, 1008, "\"played\"" },
        { "unknown mode", Encoding.UTF8.GetBytes("{\"type\":\"mode\",\"mode\":\"telepathy\"}"), true, 1008, "telepathy" },
        { "text too big", Encoding.UTF8.GetBytes($"{{\"type\":\"ask\",\"text\":\"{new string('a', 9000)}\"}}"), true, 1009, "at most 8192 bytes" },
        { "binary too big", StageClient.Mic(new short[40_000]), false, 1009, "at most 65536 bytes" },
        { "binary of unknown kind", [0x02, 0, 0], false, 1003, "0x02" },
        { "odd PCM", [0x01, 0, 0, 0], false, 1003, "even number" },
        { "empty PCM", [0x01], false, 1003, "even number" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task BadMessage_ClosedWithCodeAndReasonAndTheServerGoesOn(string what, byte[] bytes, bool text, int code, string because)
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using (StageClient client = await app.ConnectAsync(web.ProfileId))
        {
            await client.ReceiveJsonAsync("hello");

            await client.SendAsync(bytes, text ? WebSocketMessageType.Text : WebSocketMessageType.Binary);
            (WebSocketCloseStatus? status, string? reason, JsonElement? error) = await client.ReceiveCloseAsync();

            Assert.True(code == (int?)status, $"{what}: closed with {status} ({reason})");
            Assert.False(string.IsNullOrEmpty(reason), what);
            Assert.Equal(code, error!.Value.GetProperty("code").GetInt32());
            Assert.Contains(because, error.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await app.Factory.Last.WaitForDisposalAsync(); // the conversation of a closed socket is disposed
        Assert.Equal(0, app.Sessions.Count());
        await using StageClient next = await app.ConnectAsync(web.ProfileId);
        Assert.Equal("hello", (await next.ReceiveAsync())!.Type);
    }

    [Fact]
    public async Task BadMessage_TextThatIsNotUtf8_Closed1007ByTheWebSocketItself()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendAsync([0x7B, 0xFF, 0xFE, 0x7D], WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, (await client.ReceiveCloseAsync()).Status);
        await app.Factory.Last.WaitForDisposalAsync();
        Assert.Empty(app.Factory.Last.Inputs);
    }

    [Fact]
    public async Task Connect_UnknownProfile_Closed4404WithTheFix()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync("nosuchprofile");

        (WebSocketCloseStatus? status, _, JsonElement? error) = await client.ReceiveCloseAsync();

        Assert.Equal(4404, (int?)status);
        Assert.Contains("uploader", error!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, app.Factory.Attempts);
    }

    [Fact]
    public async Task Connect_UnknownModeQuery_Closed1008()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId, "?mode=telepathy");

        (WebSocketCloseStatus? status, _, JsonElement? error) = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Contains("handsFree", error!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_StageFailsToOpen_Closed4503ThenTheNextConnectionOpens()
    {
        // Issue 14: a failed start used to be cached until restart.
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, new ScriptedStageConversationFactory { FailNext = 1 });
        await using (StageClient failed = await app.ConnectAsync(web.ProfileId))
        {
            (WebSocketCloseStatus? status, _, JsonElement? error) = await failed.ReceiveCloseAsync();
            Assert.Equal(4503, (int?)status);
            Assert.Contains("pixelholo models pull stt", error!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using StageClient next = await app.ConnectAsync(web.ProfileId);

        Assert.Equal("hello", (await next.ReceiveAsync())!.Type);
        Assert.Equal(2, app.Factory.Attempts);
    }

    [Fact]
    public async Task Forget_ProfileDeleted_ItsSocketsClosed4404AndNoSessionLeft()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient first = await app.ConnectAsync(web.ProfileId);
        await using StageClient second = await app.ConnectAsync(web.ProfileId);
        await first.ReceiveJsonAsync("hello");
        await second.ReceiveJsonAsync("hello");
        Assert.Equal(2, app.Sessions.Count(web.ProfileId));

        app.Sessions.Forget(web.ProfileId);

        Assert.Equal(4404, (int?)(await first.ReceiveCloseAsync()).Status);
        Assert.Equal(4404, (int?)(await second.ReceiveCloseAsync()).Status);
        await Task.WhenAll(app.Factory.Opened.Select(c => c.WaitForDisposalAsync()));
        Assert.Equal(0, app.Sessions.Count());
    }

    [Fact]
    public async Task ServerStops_OpenSocketClosed1001()
    {
        ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        Task stopping = app.DisposeAsync().AsTask();
        (WebSocketCloseStatus? status, _, _) = await client.ReceiveCloseAsync();
        await stopping;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.True(app.Factory.Last.Disposed);
    }

    [Fact]
    public async Task PageCloses_ConversationDisposedAndSessionRemoved()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await client.DisposeAsync();
        await app.Factory.Last.WaitForDisposalAsync();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        Assert.Equal(0, app.Sessions.Count());
    }

    [Fact]
    public async Task StateChanges_ReachTheStageObservers_InOrder()
    {
        var observer = new RecordingObserver();
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, services: s => s.AddSingleton<IStageObserver>(observer));
        await using StageClient client = await app.ConnectAsync(web.ProfileId);
        await client.ReceiveJsonAsync("hello");

        await client.SendJsonAsync(new { type = "ask", text = "hi" });
        string turnId = (await client.ReceiveJsonAsync("answerEnded")).GetProperty("turnId").GetString()!;
        await client.SendJsonAsync(new { type = "playbackEnded", turnId, played = 2.0 });
        JsonElement last;
        do { last = await client.ReceiveJsonAsync("state"); } while (last.GetProperty("state").GetString() != "idle");

        Assert.Equal([StageState.Thinking, StageState.Speaking, StageState.Idle], observer.States);
    }

    private sealed class RecordingObserver : IStageObserver
    {
        private readonly List<StageState> _states = [];

        public StageState[] States { get { lock (_states) { return [.. _states]; } } }

        public void OnStageChanged(StageEvent stageEvent) { lock (_states) { _states.Add(stageEvent.State); } }
    }

    [Fact]
    public async Task Connect_FromAnotherSite_Refused403()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);

        var ex = await Assert.ThrowsAsync<WebSocketException>(() => app.ConnectAsync(web.ProfileId, origin: "http://evil.example"));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, app.Factory.Attempts);
    }

    [Fact]
    public async Task Connect_FromItsOwnPage_Accepted()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using StageClient client = await app.ConnectAsync(web.ProfileId, origin: app.Url);

        Assert.Equal("hello", (await client.ReceiveAsync())!.Type);
    }

    [Fact]
    public async Task Socket_PlainGet_400SaysToOpenTheStagePage()
    {
        using HttpResponseMessage response = await web.Http.GetAsync($"/api/stage/{web.ProfileId}/socket");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"/stage/{web.ProfileId}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frame_StoredIndex_JpegThatTheBrowserMayKeep()
    {
        using HttpResponseMessage response = await web.Http.GetAsync($"/api/stage/{web.ProfileId}/frames/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(86400, (int?)response.Headers.CacheControl?.MaxAge?.TotalSeconds);
        byte[] jpeg = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-1")]
    public async Task Frame_OutsideTheStore_404(string index)
    {
        using HttpResponseMessage response = await web.Http.GetAsync($"/api/stage/{web.ProfileId}/frames/{index}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
