using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Inference.Models;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;
using PixelHolo.Web.Tests.Stage;

namespace PixelHolo.Web.Tests.Pages;

/// <summary>The operator's side in headless Chromium at 1280×800: the fit (the person fills the height whatever the clip's
/// size), the settings panel by keyboard (mirror flips the picture, the change survives a reload), state icons, captions,
/// /api/status's keys, the status page's chart and licence badge. Screenshots are read back through ffmpeg (grey raw).</summary>
[Collection(nameof(WebAppCollection))]
[Trait("Category", "EndToEnd")]
public sealed class OperatorPageTests(WebAppFixture web)
{
    private const int Width = 1280;
    private const int Height = 800;
    private static readonly PageWaitForFunctionOptions Long = new() { Timeout = 60_000 };

    private static readonly string[] Clips =
    [
        "videos/talking_address_hdtf_8s.mp4", "videos/talking_woman_expressive_34s.mp4", "videos/talking_woman_room_720p_9s.mp4",
        "videos/face_sideways_720p_6s.mp4", "videos/greenscreen_man_3s.mp4", "videos/long_talking_loop_101s.mp4",
    ];

    [Fact]
    public async Task Fit_EverySharedClipAnySize_PersonSpansAtLeast60PercentOfTheHeight()
    {
        using var temp = new TempDirectory();
        var profiles = web.App.Services.GetRequiredService<IProfileStore>();
        var made = new List<string>();
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        try
        {
            foreach (string clip in Clips)
            {
                // Each clip at its own size, and shrunk to the 360×288 of a small upload.
                foreach (string? scale in new[] { null, "360:288" })
                {
                    string id = await PrepareProfileAsync(profiles, clip, scale);
                    made.Add(id);
                    IPage page = await OpenStillAsync(browser, id);
                    byte[] grey = await ScreenshotGreyAsync(page, temp, $"fit-{made.Count}");
                    (int top, int bottom) = LitRows(grey);
                    if (made.Count == 1) { await DocsImageAsync(page, "stage-idle"); }
                    double span = (bottom - top + 1) / (double)Height;
                    Assert.True(span >= 0.6, $"{clip} (scale {scale ?? "own"}): the lit part spans {span:P0} of the height (rows {top}–{bottom})");
                    await page.CloseAsync();
                }
            }
        }
        finally
        {
            foreach (string id in made) { await profiles.DeleteAsync(id); }
        }
    }

    [Fact]
    public async Task SettingsPanel_KeyboardMirror_FlipsThePictureAndSurvivesAReload()
    {
        using var temp = new TempDirectory();
        var profiles = web.App.Services.GetRequiredService<IProfileStore>();
        string id = await PrepareProfileAsync(profiles, "videos/talking_address_hdtf_8s.mp4", null);
        try
        {
            await using var browser = new BrowserFixture();
            await browser.InitializeAsync();
            IPage page = await OpenStillAsync(browser, id);
            byte[] before = await ScreenshotGreyAsync(page, temp, "before");

            await page.Keyboard.PressAsync("s");
            await WaitAsync(page, "() => document.body.dataset.settings === 'open' && document.activeElement.id === 'setting-mirrorHorizontally'");
            await page.Keyboard.PressAsync("Space");
            await WaitAsync(page, "() => pixelholoOperator.saves >= 1 && document.body.dataset.mirrored === 'true'");
            await DocsImageAsync(page, "settings-panel");
            await page.Keyboard.PressAsync("Escape");
            await WaitAsync(page, "() => document.body.dataset.settings === 'closed'");
            Assert.True(await page.IsHiddenAsync("#settings"));
            byte[] after = await ScreenshotGreyAsync(page, temp, "after");

            double flipped = MeanDifference(before, after, mirror: true);
            double same = MeanDifference(before, after, mirror: false);
            Assert.True(flipped < 4, $"the mirrored screenshot is not the first one flipped (mean difference {flipped:0.00})");
            Assert.True(same > 3 * flipped + 1, $"mirroring changed too little (unflipped difference {same:0.00}, flipped {flipped:0.00})");

            await page.ReloadAsync();
            await WaitAsync(page, "() => document.body.dataset.fitted === 'true' && document.body.dataset.mirrored === 'true'");
            using JsonDocument stored = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{id}/display"));
            Assert.True(stored.RootElement.GetProperty("mirrorHorizontally").GetBoolean());
        }
        finally
        {
            await profiles.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task DisplayPut_OutOfRangeAndUnknown_400NamingTheProblemAndNothingWritten()
    {
        string manifest = Path.Combine(web.RuntimeDirectory, "profiles", web.ProfileId, "manifest.json");
        string before = await File.ReadAllTextAsync(manifest);

        using HttpResponseMessage range = await web.Http.PutAsJsonAsync($"/api/profiles/{web.ProfileId}/display", new { scale = 9, gamma = 0.01 });
        using HttpResponseMessage unknown = await web.Http.PutAsJsonAsync($"/api/profiles/{web.ProfileId}/display", new { sparkle = true });

        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        string detail = await range.Content.ReadAsStringAsync();
        Assert.Contains("Scale", detail, StringComparison.Ordinal);
        Assert.Contains("Gamma", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("sparkle", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(manifest));
    }

    [Fact]
    public async Task Icons_EachStateShowsItsIconAndOnlyThatOne()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
        await page.GotoAsync($"{app.Url}/stage/{web.ProfileId}?debug");
        await WaitAsync(page, "() => document.body.dataset.connected === 'true'");
        await page.EvaluateAsync(@"() => {
            window.iconLog = [];
            const record = () => {
              const visible = [...document.querySelectorAll('img')].filter(i => i.src.includes('/assets/icons/') && !i.hidden && i.offsetWidth > 0);
              iconLog.push({ state: document.body.dataset.state, icons: visible.map(i => i.src.split('/').pop()) });
            };
            new MutationObserver(record).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
            record();
        }");

        await page.EvaluateAsync("() => pixelholoStage.ask('who are you')");
        await WaitAsync(page, "() => iconLog.some(e => e.state === 'speaking')");
        await DocsImageAsync(page, "stage-speaking");
        await WaitAsync(page, "() => document.body.dataset.state === 'idle'");

        var log = JsonSerializer.Deserialize<IconEntry[]>(await page.EvaluateAsync<string>("() => JSON.stringify(iconLog)"), WebJson)!;
        Assert.Contains(log, e => e.State == "thinking");
        foreach (IconEntry entry in log)
        {
            if (entry.State == "idle") { Assert.Empty(entry.Icons); continue; }
            string expected = entry.State == "searchFailed" ? "search-failed.svg" : entry.State + ".svg";
            Assert.Equal(expected, Assert.Single(entry.Icons));
        }
    }

    [Fact]
    public async Task Captions_On_ShowWhatWasHeardAndSaid()
    {
        using HttpResponseMessage on = await web.Http.PutAsJsonAsync($"/api/profiles/{web.ProfileId}/display", new { captions = true });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        try
        {
            await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web);
            using var temp = new TempDirectory();
            string wav = temp.File("speech.wav");
            await TestProcess.FfmpegAsync("-t", "2.3", "-i", SharedMedia.Path("audio/jfk.wav"), "-af", "apad=pad_dur=4", "-ar", "48000", wav);
            await using var browser = new BrowserFixture("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + wav);
            await browser.InitializeAsync();
            IPage page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
            await page.GotoAsync($"{app.Url}/stage/{web.ProfileId}?mode=hold-to-talk");
            await WaitAsync(page, "() => document.body.dataset.connected === 'true'");
            await WaitAsync(page, "() => !document.getElementById('captions').hidden");
            await page.FocusAsync("body");

            await page.Keyboard.DownAsync("Space");
            await WaitAsync(page, "() => document.body.dataset.state === 'listening'");
            await app.Factory.Last.WaitForSpeechAsync(seconds: 1.0);
            await DocsImageAsync(page, "stage-listening");
            await page.Keyboard.UpAsync("Space");
            await WaitAsync(page, "() => document.getElementById('caption-said').textContent.length > 0");

            Assert.Matches(@"^\d+\.\d s of speech$", await page.InnerTextAsync("#caption-heard"));
            Assert.Equal(ScriptedStageConversation.Answer, await page.InnerTextAsync("#caption-said"));
            Assert.True(await page.IsVisibleAsync("#caption-heard"));
        }
        finally
        {
            using HttpResponseMessage off = await web.Http.PutAsJsonAsync($"/api/profiles/{web.ProfileId}/display", new { captions = false });
        }
    }

    [Fact]
    public async Task ApiStatus_HasTheContractKeys()
    {
        using JsonDocument status = JsonDocument.Parse(await web.Http.GetStringAsync("/api/status"));
        JsonElement root = status.RootElement;

        AssertKeys(root, "state", "profileId", "engines", "tracking", "models", "lastTurn");
        // What the start-up check found off (issue 15) has its own endpoint, so the contract's keys stay exactly as they are.
        using (JsonDocument off = JsonDocument.Parse(await web.Http.GetStringAsync("/api/status/off")))
        {
            AssertKeys(off.RootElement, "off");
            Assert.Equal(JsonValueKind.Array, off.RootElement.GetProperty("off").ValueKind);
        }
        Assert.Contains(root.GetProperty("state").GetString(), Enum.GetNames<PixelHolo.Core.Stage.StageState>());
        AssertKeys(root.GetProperty("engines"), "stt", "llm", "tts", "renderer");
        foreach (JsonProperty engine in root.GetProperty("engines").EnumerateObject())
        {
            AssertKeys(engine.Value, "name", "fallback");
            Assert.False(string.IsNullOrEmpty(engine.Value.GetProperty("name").GetString()), engine.Name);
            Assert.True(engine.Value.GetProperty("fallback").ValueKind is JsonValueKind.Null or JsonValueKind.String, engine.Name);
        }
        JsonElement tracking = root.GetProperty("tracking");
        AssertKeys(tracking, "camera", "mount", "state");
        Assert.Equal("Off", tracking.GetProperty("state").GetString()); // no camera here
        JsonElement[] models = [.. root.GetProperty("models").EnumerateArray()];
        Assert.NotEmpty(models);
        Assert.All(models, m => AssertKeys(m, "id", "present", "licence", "commercialUse"));
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "silero-vad" && m.GetProperty("present").GetBoolean());
        Assert.True(root.GetProperty("lastTurn").ValueKind is JsonValueKind.Null or JsonValueKind.Object);
    }

    [Fact]
    public async Task StatusPage_ThreeTurns_OneBarEachAndLastTurnTimings()
    {
        using var runtime = new TempDirectory("pixelholo-status");
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(runtime.Path, web.Ollama.Endpoint));
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        using (JsonDocument empty = JsonDocument.Parse(await http.GetStringAsync("/api/status")))
        {
            Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("lastTurn").ValueKind);
        }
        AvatarProfile profile = await app.Services.GetRequiredService<IProfileStore>().CreateAsync("Ada", "");
        var conversations = app.Services.GetRequiredService<IConversationStore>();
        string conversation = await conversations.StartAsync(profile.Id);
        for (int i = 1; i <= 3; i++)
        {
            var timings = new Dictionary<string, double> { ["transcript"] = 0.3 * i, ["firstToken"] = 0.8 * i, ["firstAudio"] = 1.1 * i, ["total"] = 3.0 * i };
            await conversations.AddTurnAsync(conversation, new TurnRecord($"question {i}", "answer", null, timings, DateTimeOffset.UtcNow, TurnId: $"t{i}"));
        }

        using (JsonDocument status = JsonDocument.Parse(await http.GetStringAsync("/api/status")))
        {
            JsonElement last = status.RootElement.GetProperty("lastTurn");
            Assert.Equal("t3", last.GetProperty("turnId").GetString());
            AssertKeys(last.GetProperty("timings"), "transcript", "search", "firstToken", "firstAudio", "firstFrame", "firstPlayed", "llm", "total");
            Assert.Equal(0.9, last.GetProperty("timings").GetProperty("transcript").GetDouble(), 6);
            Assert.Equal(JsonValueKind.Null, last.GetProperty("timings").GetProperty("search").ValueKind);
        }
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
        await page.GotoAsync($"{app.Url}/status");
        await WaitAsync(page, "() => document.body.dataset.loaded === 'true'");
        Assert.Equal(3, await page.EvaluateAsync<int>("() => document.querySelectorAll('#chart g.bar').length"));
        await DocsImageAsync(page, "status-page", fullPage: true); // the whole page: the chart is below the engines
        Assert.Equal("t1,t2,t3", await page.EvaluateAsync<string>("() => [...document.querySelectorAll('#chart g.bar')].map(b => b.dataset.turnId).join(',')"));
        // Each bar has one segment per milestone reached (transcript, first token, first audio, the rest).
        Assert.Equal(4, await page.EvaluateAsync<int>("() => document.querySelectorAll('#chart g.bar')[2].querySelectorAll('rect').length"));
    }

    [Fact]
    public async Task StatusPage_LicenceBadge_GreenThenNotGreenWithANonCommercialModel()
    {
        await using var browser = new BrowserFixture();
        await browser.InitializeAsync();
        IPage green = await browser.Browser.NewPageAsync();
        await green.GotoAsync($"{web.App.Url}/status");
        await WaitAsync(green, "() => document.body.dataset.loaded === 'true'");
        Assert.Contains("green", await green.GetAttributeAsync("#licence", "class"), StringComparison.Ordinal);

        ModelCatalog real = ModelCatalog.LoadEmbedded();
        var restricted = new ModelCatalog([.. real.Models.Select(m => m.Id == "silero-vad" ? m with { Licence = "CC-BY-NC-4.0 (test)", CommercialUse = false } : m)]);
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, services: s => { s.RemoveAll<ModelCatalog>(); s.AddSingleton(restricted); });
        IPage page = await browser.Browser.NewPageAsync();
        await page.GotoAsync($"{app.Url}/status");
        await WaitAsync(page, "() => document.body.dataset.loaded === 'true'");

        Assert.Contains("red", await page.GetAttributeAsync("#licence", "class"), StringComparison.Ordinal);
        Assert.Contains("silero-vad is not for commercial use", await page.InnerTextAsync("#licence-reason"), StringComparison.Ordinal);
    }

    private sealed record IconEntry(string State, string[] Icons);

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static void AssertKeys(JsonElement e, params string[] keys) => Assert.Equal(keys, e.EnumerateObject().Select(p => p.Name).ToArray());

    /// <summary>A ready profile made directly through the store: the clip's frame at 1 s as its still (plain picture
    /// mode: the whole frame), no idle loop, so the stage shows a steady picture.</summary>
    private async Task<string> PrepareProfileAsync(IProfileStore profiles, string clip, string? scale)
    {
        AvatarProfile profile = await profiles.CreateAsync(Path.GetFileNameWithoutExtension(clip), "");
        string folder = Path.Combine(web.RuntimeDirectory, "profiles", profile.Id);
        Directory.CreateDirectory(folder);
        string[] filter = scale is null ? [] : ["-vf", "scale=" + scale];
        await TestProcess.FfmpegAsync(["-ss", "1", "-i", SharedMedia.Path(clip), .. filter, "-frames:v", "1", "-q:v", "3", Path.Combine(folder, "still.jpg")]);
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"),
            $$"""{"profileId": "{{profile.Id}}", "artifacts": [{"path": "still.jpg"}], "models": [{"id": "silero-vad", "licence": "MIT (Silero)"}]}""");
        await profiles.MarkReadyAsync(profile.Id, folder);
        return profile.Id;
    }

    private async Task<IPage> OpenStillAsync(BrowserFixture browser, string profileId)
    {
        IPage page = await browser.Browser.NewPageAsync(new() { ViewportSize = new() { Width = Width, Height = Height } });
        await page.GotoAsync($"{web.App.Url}/stage/{profileId}");
        await WaitAsync(page, "() => document.body.dataset.fitted === 'true' && document.getElementById('still').complete");
        await page.FocusAsync("body");
        return page;
    }

    /// <summary>The page as 8-bit grey, row by row (ffmpeg decodes the PNG).</summary>
    private static async Task<byte[]> ScreenshotGreyAsync(IPage page, TempDirectory temp, string name)
    {
        string png = temp.File(name + ".png"), raw = temp.File(name + ".gray");
        await page.ScreenshotAsync(new() { Path = png });
        await TestProcess.FfmpegAsync("-i", png, "-f", "rawvideo", "-pix_fmt", "gray", raw);
        byte[] grey = await File.ReadAllBytesAsync(raw);
        Assert.Equal(Width * Height, grey.Length);
        return grey;
    }

    /// <summary>The first and last rows holding more than a speck of non-black.</summary>
    private static (int Top, int Bottom) LitRows(byte[] grey)
    {
        int top = -1, bottom = -1;
        for (int y = 0; y < Height; y++)
        {
            int lit = 0;
            for (int x = 0; x < Width; x++) { if (grey[y * Width + x] > 16) { lit++; } }
            if (lit > 8) { if (top < 0) { top = y; } bottom = y; }
        }
        Assert.True(top >= 0, "the stage is all black");
        return (top, bottom);
    }

    private static double MeanDifference(byte[] a, byte[] b, bool mirror)
    {
        long sum = 0;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int bx = mirror ? Width - 1 - x : x;
                sum += Math.Abs(a[y * Width + x] - b[y * Width + bx]);
            }
        }
        return sum / (double)(Width * Height);
    }

    /// <summary>With PIXELHOLO_DOCS_IMAGES set (a folder), saves the page there as NAME.png for the README
    /// (docs/images/, see docs/stage.md); without it, nothing.</summary>
    internal static async Task DocsImageAsync(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("PIXELHOLO_DOCS_IMAGES") is not { Length: > 0 } folder) { return; }
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    private static async Task WaitAsync(IPage page, string condition)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, Long);
        }
        catch (TimeoutException)
        {
            string seen = await page.EvaluateAsync<string>(
                "() => JSON.stringify({ state: document.body.dataset.state, fitted: document.body.dataset.fitted, settings: document.body.dataset.settings, active: document.activeElement && document.activeElement.id, operator: window.pixelholoOperator })");
            Assert.Fail($"The page never reached {condition}. It saw: {seen}");
        }
    }
}
