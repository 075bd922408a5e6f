using Microsoft.Playwright;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;
using static PixelHolo.Web.Tests.Pages.StagePageTests;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>The stage page in headless Chromium against the real turn state machine (pocketsphinx, loopback Ollama,
/// espeak-ng, the loop renderer): whole turns typed, spoken with each listening mode through Chromium's fake microphone,
/// barge-in, and a server restart.</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class StageTurnPageTests(WebAppFixture web)
{
    private const string Answer = "Hello, I am Ada. Nice to meet you.";

    [Fact]
    public async Task TypedQuestion_RealMachine_PlaysTheAnswerInSyncThenIdle()
    {
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, web.App.Url, web.ProfileId, "?debug");
        await WatchCoverAsync(page);

        await page.FillAsync("#question", "who are you");
        await page.PressAsync("#question", "Enter");
        await WaitAsync(page, "() => document.body.dataset.state === 'speaking'");
        await WaitAsync(page, "() => pixelholoStage.turns.length === 1");

        Assert.Equal("idle", await page.EvaluateAsync<string>("() => document.body.dataset.state"));
        Assert.Equal(Answer, await page.InnerTextAsync("#answer"));
        Assert.Equal(Answer, await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer"));
        Assert.True(await page.EvaluateAsync<bool>("() => pixelholoStage.turns[0].timings.firstPlayed !== null"), "the machine got no playback report");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.uncovered"));
        AssertInSync(await PresentedAsync(page), await ScheduledAsync(page), await AnswerSecondsAsync(page));
    }

    [Fact]
    public async Task PressToTalk_OnePressThenSilence_TranscribedAnsweredAndIdle()
    {
        using var temp = new TempDirectory();
        // The microphone opens at the press; 3 s of quiet first so that the whole question is heard even when the page is
        // slow to connect its audio graph (it heard '' on a loaded machine). The machine waits Turn:NoSpeechTimeout (8 s).
        await using BrowserFixture browser = await MicrophoneBrowserAsync(temp, leadInSeconds: 3);
        IPage page = await OpenAsync(browser, web.App.Url, web.ProfileId, "?debug&mode=pressToTalk");

        await page.Keyboard.PressAsync("Space");
        await WaitAsync(page, "() => pixelholoStage.events.some(e => e.state === 'transcribing')");
        await WaitAsync(page, "() => pixelholoStage.turns.length === 1");

        AssertHeardSpeech(await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].transcript"));
        Assert.Equal(Answer, await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer"));
        Assert.Equal(["listening", "transcribing", "thinking", "speaking", "idle"],
            await page.EvaluateAsync<string[]>("() => pixelholoStage.turns[0].states.filter(s => s !== 'searching' && s !== 'searchFailed')"));
    }

    [Fact]
    public async Task HoldToTalk_SpaceHeldWhileSpeaking_TranscribedOnReleaseThenAnswered()
    {
        using var temp = new TempDirectory();
        await using BrowserFixture browser = await MicrophoneBrowserAsync(temp);
        IPage page = await OpenAsync(browser, web.App.Url, web.ProfileId, "?debug&mode=holdToTalk");

        await page.Keyboard.DownAsync("Space");
        await WaitAsync(page, "() => document.body.dataset.state === 'listening'");
        await WaitAsync(page, "() => pixelholoStage.micChunksSent >= 70"); // one whole loop of the recording: its words once
        await page.Keyboard.UpAsync("Space");
        await WaitAsync(page, "() => pixelholoStage.turns.length === 1");

        AssertHeardSpeech(await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].transcript"));
        Assert.Equal(Answer, await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer"));
    }

    [Fact]
    public async Task HandsFree_VoiceStartsAndSilenceEndsTheTurn()
    {
        using var temp = new TempDirectory();
        // Quiet first, as above: voice must start the turn at its beginning, not part-way through a slow start.
        await using BrowserFixture browser = await MicrophoneBrowserAsync(temp, silenceSeconds: 20, leadInSeconds: 3);
        IPage page = await OpenAsync(browser, web.App.Url, web.ProfileId, "?debug&mode=handsFree");

        await WaitAsync(page, "() => pixelholoStage.turns.length === 1");

        string turn = await page.EvaluateAsync<string>("() => JSON.stringify(pixelholoStage.turns[0])");
        AssertHeardSpeech(await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].transcript"));
        Assert.True(Answer == await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer"), turn);
        Assert.False(await page.EvaluateAsync<bool>("() => pixelholoStage.sent.some(m => m.type === 'keyDown')"));
    }

    [Fact]
    public async Task BargeIn_SpaceDuringALongAnswer_DroppedAtOnceAndHistoryKeepsThePlayedPrefix()
    {
        IReadOnlyList<string> answer = web.Ollama.AnswerTokens;
        web.Ollama.AnswerTokens = [.. Enumerable.Range(1, 30).Select(i => $"This is sentence number {i} of a very long answer. ")];
        try
        {
            using var temp = new TempDirectory();
            await using BrowserFixture browser = await MicrophoneBrowserAsync(temp, silenceSeconds: 20);
            IPage page = await OpenAsync(browser, web.App.Url, web.ProfileId, "?debug&mode=holdToTalk");
            await page.EvaluateAsync("() => pixelholoStage.ask('tell me a long story')");
            await WaitAsync(page, "() => pixelholoStage.presented.length >= 25");

            await page.Keyboard.DownAsync("Space");
            bool droppedAtOnce = await page.EvaluateAsync<bool>("() => !pixelholoStage.playing() && document.getElementById('answer-canvas').hidden");
            await WaitAsync(page, "() => pixelholoStage.turns.length >= 1");
            await page.Keyboard.UpAsync("Space");

            Assert.True(droppedAtOnce, "audio and frames still queued after the key went down");
            Assert.True(await page.EvaluateAsync<bool>("() => pixelholoStage.turns[0].interrupted"));
            string heard = await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer");
            // History keeps the words actually played (about a second here), so a prefix of the first sentence is right.
            string full = string.Concat(web.Ollama.AnswerTokens);
            string played = heard.TrimEnd('…', ' ');
            Assert.True(played.Length >= "This".Length && full.StartsWith(played, StringComparison.Ordinal), $"heard '{heard}' is not a prefix of the answer");
            Assert.DoesNotContain("number 30 ", heard, StringComparison.Ordinal);
        }
        finally
        {
            web.Ollama.AnswerTokens = answer;
        }
    }

    [Fact]
    public async Task ServerRestarts_RealMachine_PageReconnectsAndConverses()
    {
        RunningWebApp first = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint));
        int port = new Uri(first.Url).Port;
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await OpenAsync(browser, first.Url, web.ProfileId, "?debug");

        await first.DisposeAsync();
        await WaitAsync(page, "() => document.body.dataset.connected === 'false'");
        Dictionary<string, string?> settings = WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint);
        settings["Web:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using RunningWebApp second = await PixelHoloWebApp.StartAsync([], settings);
        await WaitAsync(page, "() => document.body.dataset.connected === 'true' && pixelholoStage.reconnects >= 1");
        await page.EvaluateAsync("() => pixelholoStage.ask('are you back')");
        await WaitAsync(page, "() => pixelholoStage.turns.length === 1");

        Assert.Equal(Answer, await page.EvaluateAsync<string>("() => pixelholoStage.turns[0].answer"));
    }

    private static Task<double> AnswerSecondsAsync(IPage page) =>
        page.EvaluateAsync<double>("() => Math.max(...pixelholoStage.played.map(p => p.start + p.duration))");

    /// <summary>The fake microphone loops 2.3 s of jfk.wav, and where in the loop a press lands is chance, so pocketsphinx
    /// hears some of "And so, my fellow Americans": words, not a given word.</summary>
    private static void AssertHeardSpeech(string transcript) =>
        Assert.True(transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2, $"heard '{transcript}'");
}
