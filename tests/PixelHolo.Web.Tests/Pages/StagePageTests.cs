using System.Text.Json;
using Microsoft.Playwright;
using PixelHolo.Core.Stage;
using PixelHolo.TestSupport;
using PixelHolo.Web.Tests.Stage;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>The stage page in headless Chromium over the real WebSocket, with Chromium's fake microphone playing a real
/// recording: listening modes, barge-in, audio/frame sync (the page's presented log), reconnect after a restart. The turn
/// state machine is the scripted one (it "hears" by level), so these test the page and the wire, not recognition.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class StagePageTests(WebAppFixture web)
{
    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 60_000 };

    [Fact]
    public async Task TypedQuestion_DebugBox_PlaysInSyncWithoutBlackAndReturnsToIdle()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, app, "?debug");
        await WatchCoverAsync(page);

        await page.FillAsync("#question", "who are you");
        await page.PressAsync("#question", "Enter");

        await WaitAsync(page, "() => document.body.dataset.state === 'speaking'");
        await WaitAsync(page, "() => pixelholoStage.presented.length > 0");
        Assert.False(await page.IsHiddenAsync("#answer-canvas"));
        Assert.EndsWith("/assets/icons/speaking.svg", await page.GetAttributeAsync("#stage-icon", "src"), StringComparison.Ordinal);
        await WaitAsync(page, "() => document.body.dataset.state === 'idle'");

        Assert.True(await page.IsHiddenAsync("#answer-canvas"));
        Assert.Equal(ScriptedStageConversation.Answer, await page.InnerTextAsync("#answer"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.uncovered"));
        Presented[] presented = await PresentedAsync(page);
        AssertInSync(presented, app.Factory.AnswerSeconds);
        JsonElement[] sent = await SentAsync(page);
        string turnId = Assert.Single(sent, m => m.GetProperty("type").GetString() == "playbackStarted").GetProperty("turnId").GetString()!;
        JsonElement ended = Assert.Single(sent, m => m.GetProperty("type").GetString() == "playbackEnded");
        Assert.Equal(turnId, ended.GetProperty("turnId").GetString());
        Assert.Equal(app.Factory.AnswerSeconds, ended.GetProperty("played").GetDouble(), 2);
        var positions = app.Factory.Last.Inputs.OfType<StageInput.PlaybackPosition>().Select(p => p.Played.TotalSeconds).ToArray();
        Assert.NotEmpty(positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task LongAnswer_60Seconds_FramesStayWithTheAudioClock()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, new ScriptedStageConversationFactory { AnswerSeconds = 60 });
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, app, "?debug");

        await page.EvaluateAsync("() => pixelholoStage.ask('tell me a long story')");
        await app.Factory.Last.WaitForInputAsync(i => i is StageInput.PlaybackEnded, TimeSpan.FromMinutes(3));

        AssertInSync(await PresentedAsync(page), 60);
    }

    [Fact]
    public async Task HoldToTalk_SpaceHeldWhileTheMicrophoneHearsSpeech_StreamsOnlyWhileHeldThenAnswers()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        using var temp = new TempDirectory();
        await using var browser = await MicrophoneBrowserAsync(temp);
        IPage page = await OpenAsync(browser, app, "?debug&mode=hold-to-talk");
        ScriptedStageConversation machine = app.Factory.Last;
        Assert.Equal(ListeningMode.HoldToTalk, machine.Mode);

        await page.Keyboard.DownAsync("Space");
        await WaitAsync(page, "() => document.body.dataset.state === 'listening'");
        await machine.WaitForSpeechAsync(seconds: 1.0);
        await page.Keyboard.UpAsync("Space");

        await WaitAsync(page, "() => document.body.dataset.state === 'speaking'");
        await WaitAsync(page, "() => document.body.dataset.state === 'idle'");
        StageInput[] inputs = [.. machine.Inputs];
        int down = Array.FindIndex(inputs, i => i is StageInput.KeyDown);
        int up = Array.FindIndex(inputs, i => i is StageInput.KeyUp);
        Assert.InRange(down, 0, up - 2);
        Assert.All(inputs.Select((input, index) => (input, index)).Where(x => x.input is StageInput.MicAudio), x => Assert.InRange(x.index, down + 1, up - 1));
        Assert.Contains("s of speech", await page.InnerTextAsync("#heard"), StringComparison.Ordinal);
        AssertMicIs16kSpeech(machine);
    }

    [Fact]
    public async Task PressToTalk_OnePressThenSilence_TheMachineEndsTheTurnAndThePageStopsStreaming()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        using var temp = new TempDirectory();
        await using var browser = await MicrophoneBrowserAsync(temp);
        IPage page = await OpenAsync(browser, app, "?debug&mode=pressToTalk");
        ScriptedStageConversation machine = app.Factory.Last;

        await page.Keyboard.PressAsync("Space");
        await WaitAsync(page, "() => pixelholoStage.events.some(e => e.state === 'transcribing')");
        int chunksWhenEnded = machine.MicChunksWhenListeningEnded;
        await WaitAsync(page, "() => document.body.dataset.state === 'idle' && pixelholoStage.sent.some(m => m.type === 'playbackEnded')");

        Assert.Single(machine.Inputs.OfType<StageInput.KeyDown>());
        Assert.True(machine.SpeechSecondsHeard >= 1.0, $"heard {machine.SpeechSecondsHeard:0.0} s of speech");
        // Chunks already on the wire when the state changed may still arrive; a page that kept streaming through the
        // 2 s answer would have sent 20 more.
        Assert.InRange(machine.Inputs.OfType<StageInput.MicAudio>().Count(), chunksWhenEnded, chunksWhenEnded + 5);
        AssertMicIs16kSpeech(machine);
    }

    [Fact]
    public async Task HandsFree_VoiceStartsAndSilenceEndsTheTurn_NoKeyPressed()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        using var temp = new TempDirectory();
        await using var browser = await MicrophoneBrowserAsync(temp);
        IPage page = await OpenAsync(browser, app, "?debug&mode=handsFree");
        ScriptedStageConversation machine = app.Factory.Last;

        await WaitAsync(page, "() => pixelholoStage.events.some(e => e.state === 'listening')");
        await WaitAsync(page, "() => pixelholoStage.sent.some(m => m.type === 'playbackEnded')");

        Assert.Empty(machine.Inputs.OfType<StageInput.KeyDown>());
        Assert.Contains("s of speech", await page.InnerTextAsync("#heard"), StringComparison.Ordinal);
        Assert.Equal(ScriptedStageConversation.Answer, await page.InnerTextAsync("#answer"));
        AssertMicIs16kSpeech(machine);
    }

    [Fact]
    public async Task BargeIn_SpaceWhileSpeaking_QueueDroppedAtOncePositionReportedThenListening()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, new ScriptedStageConversationFactory { AnswerSeconds = 30 });
        using var temp = new TempDirectory();
        await using var browser = await MicrophoneBrowserAsync(temp);
        IPage page = await OpenAsync(browser, app, "?debug&mode=holdToTalk");
        ScriptedStageConversation machine = app.Factory.Last;
        await page.EvaluateAsync("() => pixelholoStage.ask('tell me a long story')");
        await WaitAsync(page, "() => pixelholoStage.presented.length >= 10");

        await page.Keyboard.DownAsync("Space");
        bool droppedAtOnce = await page.EvaluateAsync<bool>("() => !pixelholoStage.playing() && document.getElementById('answer-canvas').hidden");
        int presentedAtCut = await page.EvaluateAsync<int>("() => pixelholoStage.presented.length");
        await WaitAsync(page, "() => pixelholoStage.events.some(e => e.state === 'interrupted')");
        await WaitAsync(page, "() => document.body.dataset.state === 'listening'");
        await page.Keyboard.UpAsync("Space");
        await WaitAsync(page, "() => pixelholoStage.sent.filter(m => m.type === 'playbackEnded').length === 1");

        Assert.True(droppedAtOnce, "audio and frames still queued after the key went down");
        StageInput[] inputs = [.. machine.Inputs];
        int down = Array.FindIndex(inputs, i => i is StageInput.KeyDown);
        var cut = Assert.IsType<StageInput.PlaybackPosition>(inputs[down - 1]);
        Assert.InRange(cut.Played.TotalSeconds, 0.1, 29);
        Presented[] presented = await PresentedAsync(page);
        string firstTurn = presented[0].TurnId;
        Assert.Equal(presentedAtCut, presented.Count(p => p.TurnId == firstTurn));
        Assert.All(presented.Where(p => p.TurnId == firstTurn), p => Assert.True(p.FrameTs <= cut.Played.TotalSeconds + 0.05, $"frame {p.FrameTs} after the cut at {cut.Played}"));
        Assert.DoesNotContain(inputs, i => i is StageInput.PlaybackEnded e && e.TurnId == firstTurn);
    }

    [Fact]
    public async Task ModeKey_M_SwitchesToTheNextListeningMode()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, app, "?mode=pressToTalk");

        await page.Keyboard.PressAsync("m");

        await WaitAsync(page, "() => document.body.dataset.mode === 'holdToTalk'");
        Assert.Equal(ListeningMode.HoldToTalk, app.Factory.Last.Mode);
    }

    [Fact]
    public async Task ServerRestarts_PageReconnectsOnItsOwnAndConverses()
    {
        ScriptedStageApp first = await ScriptedStageApp.StartAsync(web);
        int port = new Uri(first.Url).Port;
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, first, "?debug");

        await first.DisposeAsync();
        await WaitAsync(page, "() => document.body.dataset.connected === 'false'");
        await using ScriptedStageApp second = await ScriptedStageApp.StartAsync(web, port: port);
        await WaitAsync(page, "() => document.body.dataset.connected === 'true' && pixelholoStage.reconnects >= 1");
        await page.EvaluateAsync("() => pixelholoStage.ask('are you back')");

        await WaitAsync(page, "() => pixelholoStage.sent.some(m => m.type === 'playbackEnded')");
        Assert.IsType<StageInput.TextQuestion>(second.Factory.Last.Inputs.First());
        Assert.Equal("idle", await page.EvaluateAsync<string>("() => document.body.dataset.state"));
    }

    /// <summary>Waits for a condition on the page; on timeout the failure shows what the page had seen.</summary>
    private static async Task WaitAsync(IPage page, string condition)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, Long);
        }
        catch (TimeoutException)
        {
            string seen = await page.EvaluateAsync<string>(
                "() => JSON.stringify({ state: document.body.dataset.state, mode: pixelholoStage.mode, mic: pixelholoStage.micChunksSent, events: pixelholoStage.events.filter(e => e.type !== 'frame' && e.type !== 'audio'), sent: pixelholoStage.sent.slice(-10), detail: document.getElementById('stage-detail').textContent })");
            Assert.Fail($"The page never reached {condition}. It saw: {seen}");
        }
    }

    internal sealed record Presented(string TurnId, double FrameTs, double AudioClockTs);

    private async Task<IPage> OpenAsync(BrowserFixture browser, ScriptedStageApp app, string query)
    {
        IPage page = await browser.Browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/stage/{web.ProfileId}{query}");
        await WaitAsync(page, "() => document.body.dataset.connected === 'true'");
        await page.FocusAsync("body");
        return page;
    }

    /// <summary>Records whenever neither the answer's canvas nor an idle picture is on screen (a black flash).</summary>
    private static async Task WatchCoverAsync(IPage page) => await page.EvaluateAsync(@"() => {
        window.uncovered = 0;
        const ids = ['answer-canvas', 'idle', 'still'];
        const check = () => { if (ids.every(id => document.getElementById(id).hidden)) window.uncovered++; };
        new MutationObserver(check).observe(document.getElementById('frame'), { attributes: true, subtree: true, attributeFilter: ['hidden'] });
    }");

    private static async Task<Presented[]> PresentedAsync(IPage page) =>
        JsonSerializer.Deserialize<Presented[]>(await page.EvaluateAsync<string>("() => JSON.stringify(pixelholoStage.presented)"),
            WebJson)!;

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static async Task<JsonElement[]> SentAsync(IPage page) =>
        JsonSerializer.Deserialize<JsonElement[]>(await page.EvaluateAsync<string>("() => JSON.stringify(pixelholoStage.sent)"))!;

    /// <summary>Frames drawn in order, never before their time, and on the audio clock: the lag of the picture behind the
    /// sound stays under 40 ms at the start and at the end of the answer (no drift), and the last frame is near the end.</summary>
    private static void AssertInSync(Presented[] presented, double answerSeconds)
    {
        Assert.True(presented.Length >= answerSeconds * ScriptedStageConversation.FramesPerSecond * 0.5,
            $"only {presented.Length} frames drawn for {answerSeconds} s at 25 fps");
        Assert.Equal(presented.Select(p => p.FrameTs).Order(), presented.Select(p => p.FrameTs));
        Assert.All(presented, p => Assert.True(p.AudioClockTs >= p.FrameTs, $"frame {p.FrameTs} drawn early at {p.AudioClockTs}"));
        double[] lags = [.. presented.Select(p => p.AudioClockTs - p.FrameTs)];
        int tenth = Math.Max(1, lags.Length / 10);
        double startLag = Median(lags[..tenth]);
        double endLag = Median(lags[^tenth..]);
        Assert.True(startLag <= 0.040, $"median lag over the first tenth {startLag * 1000:0} ms");
        Assert.True(endLag <= 0.040, $"median lag over the last tenth {endLag * 1000:0} ms");
        Assert.InRange(presented[^1].FrameTs, answerSeconds - 0.2, answerSeconds);
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static void AssertMicIs16kSpeech(ScriptedStageConversation machine)
    {
        StageInput.MicAudio[] mic = [.. machine.Inputs.OfType<StageInput.MicAudio>()];
        Assert.NotEmpty(mic);
        Assert.All(mic, m => Assert.Equal((16000, 1, 1600), (m.Audio.SampleRateHz, m.Audio.Channels, m.Audio.Samples.Length)));
        Assert.True(machine.SpeechSecondsHeard >= 0.5, $"the microphone stream held {machine.SpeechSecondsHeard:0.0} s of speech");
    }

    /// <summary>Chromium whose fake microphone loops the first words of a real speech recording followed by 4 s of silence
    /// (a missing file would silently give silence, so the file is made and checked here).</summary>
    private static async Task<BrowserFixture> MicrophoneBrowserAsync(TempDirectory temp)
    {
        string wav = temp.File("speech-then-silence.wav");
        await ProcessRunner.FfmpegAsync("-t", "2.3", "-i", SharedMedia.Path("audio/jfk.wav"), "-af", "apad=pad_dur=4", "-ar", "48000", wav);
        Assert.True(new FileInfo(wav).Length > 6 * 96_000, "the fake microphone's recording (2.3 s of speech, 4 s of silence) was not written");
        var browser = new BrowserFixture("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + wav);
        await browser.InitializeAsync();
        return browser;
    }
}
