using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;
using PixelHolo.Web.Tests.Stage;
using static PixelHolo.Web.Tests.Access.AccessTestServer;

namespace PixelHolo.Web.Tests.Access;

/// <summary>The tokens, the login link and the read-only stage token, over real HTTP against real Kestrel on loopback with
/// the tokens required (Web:RequireAccessToken, as beyond loopback).</summary>
[Collection(nameof(WebAppCollection))]
public sealed class AccessMiddlewareTests(WebAppFixture web)
{
    [Fact]
    public async Task Request_NoToken_PageGetsA401PageAndTheApiA401Problem_HealthStaysOpen()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using HttpResponseMessage pageReply = await http.SendAsync(page);
        using HttpResponseMessage api = await http.GetAsync("/api/profiles");
        using HttpResponseMessage health = await http.GetAsync("/healthz");
        using var tool = new HttpRequestMessage(HttpMethod.Get, "/api/profiles");
        tool.Headers.Add("X-PixelHolo-Token", AdminToken);
        using HttpResponseMessage toolReply = await http.SendAsync(tool);

        Assert.Equal(HttpStatusCode.Unauthorized, pageReply.StatusCode);
        Assert.Equal("text/html", pageReply.Content.Headers.ContentType?.MediaType);
        string html = await pageReply.Content.ReadAsStringAsync();
        Assert.Contains("login link", html, StringComparison.Ordinal);
        Assert.Contains("/login?token=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminToken, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-PixelHolo-Token", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toolReply.StatusCode);
    }

    [Theory]
    [InlineData(AdminToken)]
    [InlineData(StageToken)]
    public async Task LoginLink_RightToken_SetsAnHttpOnlyStrictCookieAndRedirectsWithoutTheToken(string token)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);

        using HttpResponseMessage login = await http.GetAsync($"/login?token={token}");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Contains("no-store", login.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        string cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        string[] parts = [.. cookie.Split(';').Select(p => p.Trim().ToLowerInvariant())];
        Assert.Equal($"pixelholo_access={token}", cookie.Split(';')[0]);
        Assert.Contains("httponly", parts);
        Assert.Contains("samesite=strict", parts);
        Assert.Contains("path=/", parts);
        using HttpResponseMessage uploader = await http.SendAsync(Request(HttpMethod.Get, "/", token));
        Assert.Equal(HttpStatusCode.OK, uploader.StatusCode);
        using HttpResponseMessage list = await http.SendAsync(Request(HttpMethod.Get, "/api/profiles", token));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory]
    [InlineData("wrong-0123456789abcdef0123")]
    [InlineData("")]
    public async Task LoginLink_WrongToken_401PageSaysWhatToDoAndSetsNoCookie(string token)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/login?token={token}");
        request.Headers.Accept.ParseAdd("text/html");

        using HttpResponseMessage reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.StatusCode);
        Assert.False(reply.Headers.Contains("Set-Cookie"));
        string html = await reply.Content.ReadAsStringAsync();
        Assert.Contains("wrong or out of date", html, StringComparison.Ordinal);
        Assert.Contains("pixelholo serve", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stage/abc?debug", "/stage/abc?debug")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/login?token=x", "/")]
    public async Task LoginLink_Next_OnlyEverALocalPath(string next, string expected)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);

        using HttpResponseMessage login = await http.GetAsync($"/login?token={StageToken}&next={Uri.EscapeDataString(next)}");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(expected, login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OldStyleLink_TokenOnAnyPage_GoesThroughTheLoginKeepingTheRestOfTheQuery()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);

        using HttpResponseMessage reply = await http.GetAsync($"/stage/{web.ProfileId}?token={AdminToken}&debug=1");

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal($"/login?token={AdminToken}&next={Uri.EscapeDataString($"/stage/{web.ProfileId}?debug=1")}", reply.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task StageToken_StagePageSocketFramesAndStatus_Allowed()
    {
        await using ScriptedStageApp app = await ScriptedStageApp.StartAsync(web, more: TokenSettings());
        using HttpClient http = Client(app.App);

        foreach (string path in new[] { $"/stage/{web.ProfileId}", "/api/status", "/status", $"/api/stage/{web.ProfileId}/frames/0",
            $"/api/profiles/{web.ProfileId}", $"/api/profiles/{web.ProfileId}/display", $"/api/profiles/{web.ProfileId}/still.jpg", "/assets/stage/main.js" })
        {
            using HttpResponseMessage reply = await http.SendAsync(Request(HttpMethod.Get, path, StageToken));
            Assert.True(reply.StatusCode == HttpStatusCode.OK, $"GET {path} with the stage token answered {(int)reply.StatusCode}");
        }
        await using StageClient stage = await StageClient.ConnectAsync(app.Url, web.ProfileId, cookie: Cookie(StageToken));
        JsonElement hello = await stage.ReceiveJsonAsync("hello");
        await stage.SendJsonAsync(new { type = "ask", text = "who are you" });
        await stage.ReceiveJsonAsync("answerEnded");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => StageClient.ConnectAsync(app.Url, web.ProfileId));

        Assert.Equal(web.ProfileId, hello.GetProperty("profileId").GetString());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StageToken_UploadDeleteAndDisplaySettings_403WithTheReasonAndNothingChanged()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);
        string displayBefore = await DisplayAsync(http);
        int profilesBefore = await CountProfilesAsync(http);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.ASCII.GetBytes("not a video")), "video", "clip.mp4" } };
        using HttpRequestMessage upload = Request(HttpMethod.Post, "/api/profiles", StageToken, form);
        upload.Headers.Add("X-PixelHolo-Upload", "1");
        using HttpResponseMessage uploaded = await http.SendAsync(upload);
        using HttpResponseMessage deleted = await http.SendAsync(Request(HttpMethod.Delete, $"/api/profiles/{web.ProfileId}", StageToken));
        using HttpResponseMessage saved = await http.SendAsync(Request(HttpMethod.Put, $"/api/profiles/{web.ProfileId}/display", StageToken,
            new StringContent("{\"scale\": 2.5}", Encoding.UTF8, "application/json")));

        foreach (HttpResponseMessage reply in new[] { uploaded, deleted, saved })
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
            using JsonDocument problem = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
            string detail = problem.RootElement.GetProperty("detail").GetString()!;
            Assert.Contains("read-only", detail, StringComparison.Ordinal);
            Assert.Contains("admin login link", detail, StringComparison.Ordinal);
        }
        Assert.Equal(profilesBefore, await CountProfilesAsync(http));
        Assert.Equal(displayBefore, await DisplayAsync(http));
        string uploads = Path.Combine(web.RuntimeDirectory, "staging", "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0, "the refused upload left a file in staging/uploads");
    }

    [Fact]
    public async Task AdminToken_ChangesAreAllowed()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: true);
        using HttpClient http = Client(app);
        string original = await DisplayAsync(http);

        using HttpResponseMessage saved = await http.SendAsync(Request(HttpMethod.Put, $"/api/profiles/{web.ProfileId}/display", AdminToken,
            new StringContent("{\"scale\": 1.25}", Encoding.UTF8, "application/json")));
        using HttpResponseMessage restored = await http.SendAsync(Request(HttpMethod.Put, $"/api/profiles/{web.ProfileId}/display", AdminToken,
            new StringContent(original, Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1.25, JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("scale").GetDouble());
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task Tokens_NotConfigured_GeneratedLongAndDifferentAndPrintedAsLoginLinks()
    {
        using var runtime = new TempDirectory();
        Dictionary<string, string?> settings = WebAppFixture.Settings(runtime.Path, web.Ollama.Endpoint);
        settings["Web:RequireAccessToken"] = "true";
        await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], settings);

        Assert.Matches("^[0-9a-f]{32}$", app.AccessToken);
        Assert.Matches("^[0-9a-f]{32}$", app.StageToken);
        Assert.NotEqual(app.AccessToken, app.StageToken);
        Assert.Equal($"{app.Url}/login?token={app.AccessToken}", app.UploaderUrl);
        Assert.Equal($"{app.Url}/login?token={app.StageToken}&next=%2Fstage%2Fx", app.StageLoginUrl("/stage/x"));
        using HttpClient http = Client(app);
        using HttpResponseMessage login = await http.GetAsync(new Uri(app.UploaderUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }

    [Fact]
    public async Task Loopback_NoTokenSettings_OpenAndTheLoginLinkStillRedirects()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);

        using HttpResponseMessage list = await http.GetAsync("/api/profiles");
        using HttpResponseMessage login = await http.GetAsync("/login?next=%2Fstatus");

        Assert.Null(app.AccessToken);
        Assert.Null(app.StageToken);
        Assert.Equal(app.Url + "/", app.UploaderUrl);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("/status", login.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("short", "stage-0123456789abcdef0123", "Web:AccessToken is 5 characters long; use at least 16")]
    [InlineData("same-0123456789abcdef", "same-0123456789abcdef", "Web:StageToken is the same as Web:AccessToken")]
    public async Task Tokens_TooShortOrTheSame_StartRefusedWithTheFix(string admin, string stage, string message)
    {
        using var runtime = new TempDirectory();
        Dictionary<string, string?> settings = WebAppFixture.Settings(runtime.Path, web.Ollama.Endpoint);
        settings["Web:RequireAccessToken"] = "true";
        settings["Web:AccessToken"] = admin;
        settings["Web:StageToken"] = stage;

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => PixelHoloWebApp.StartAsync([], settings));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    private async Task<string> DisplayAsync(HttpClient http)
    {
        using HttpResponseMessage reply = await http.SendAsync(Request(HttpMethod.Get, $"/api/profiles/{web.ProfileId}/display", AdminToken));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        return await reply.Content.ReadAsStringAsync();
    }

    private static async Task<int> CountProfilesAsync(HttpClient http)
    {
        using HttpResponseMessage reply = await http.SendAsync(Request(HttpMethod.Get, "/api/profiles", AdminToken));
        using JsonDocument list = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return list.RootElement.GetArrayLength();
    }
}
