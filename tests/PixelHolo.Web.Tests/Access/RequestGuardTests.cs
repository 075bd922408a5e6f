using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PixelHolo.Web.Hosting;
using static PixelHolo.Web.Tests.Access.AccessTestServer;

namespace PixelHolo.Web.Tests.Access;

/// <summary>What another site's page could make a browser send, the content types, the security headers and the folders
/// that must never be served, over real HTTP against real Kestrel on loopback.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class RequestGuardTests(WebAppFixture web)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://127.0.0.1:1")] // same site, another port: another origin
    [InlineData("Origin", "null")]                // a sandboxed frame or a file: page
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task ChangingRequest_FromAnotherOrigin_403AndNothingChanged(string header, string value)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);
        string displayBefore = await http.GetStringAsync($"/api/profiles/{web.ProfileId}/display");

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/profiles/{web.ProfileId}");
        delete.Headers.Add(header, value);
        using HttpResponseMessage deleted = await http.SendAsync(delete);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/profiles/{web.ProfileId}/display") { Content = Json("{\"scale\": 2.5}") };
        put.Headers.Add(header, value);
        using HttpResponseMessage saved = await http.SendAsync(put);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
        upload.Headers.Add(header, value);
        upload.Headers.Add("X-PixelHolo-Upload", "1");
        using HttpResponseMessage uploaded = await http.SendAsync(upload);

        foreach (HttpResponseMessage reply in new[] { deleted, saved, uploaded })
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
            Assert.Contains("came from another site", await DetailAsync(reply), StringComparison.Ordinal);
        }
        using HttpResponseMessage still = await http.GetAsync($"/api/profiles/{web.ProfileId}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        Assert.Equal(displayBefore, await http.GetStringAsync($"/api/profiles/{web.ProfileId}/display"));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "SELF")]
    public async Task ChangingRequest_SameOrigin_Allowed(string header, string value)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);
        string original = await http.GetStringAsync($"/api/profiles/{web.ProfileId}/display");

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/profiles/{web.ProfileId}/display") { Content = Json(original) };
        put.Headers.Add(header, value == "SELF" ? app.Url : value);
        using HttpResponseMessage saved = await http.SendAsync(put);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task Cors_PreflightRefusedAndNoResponseAllowsAnotherOrigin()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/profiles/{web.ProfileId}");
        preflight.Headers.Add("Origin", "http://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        using HttpResponseMessage refused = await http.SendAsync(preflight);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/profiles");
        read.Headers.Add("Origin", "http://evil.example");
        using HttpResponseMessage list = await http.SendAsync(read);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("no CORS", await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        foreach (HttpResponseMessage reply in new[] { refused, list })
        {
            Assert.DoesNotContain(reply.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task HostHeader_NotThisMachinesOnLoopback_400_UnlessAllowed()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false, new Dictionary<string, string?> { ["Web:AllowedHosts:0"] = "kiosk.example" });
        using HttpClient http = Client(app);
        int port = new Uri(app.Url).Port;

        async Task<HttpResponseMessage> GetWithHostAsync(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/profiles");
            request.Headers.Host = host;
            return await http.SendAsync(request);
        }

        using HttpResponseMessage rebound = await GetWithHostAsync($"evil.example:{port}");
        using HttpResponseMessage localhost = await GetWithHostAsync($"localhost:{port}");
        using HttpResponseMessage allowed = await GetWithHostAsync($"kiosk.example:{port}");

        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Contains("Web:AllowedHosts", await DetailAsync(rebound), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task JsonEndpoint_OtherContentType_415AndNothingWritten(string contentType)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);
        string before = await http.GetStringAsync($"/api/profiles/{web.ProfileId}/display");

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"scale\": 2.5}"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using HttpResponseMessage reply = await http.PutAsync($"/api/profiles/{web.ProfileId}/display", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.StatusCode);
        Assert.Contains("must send application/json", await DetailAsync(reply), StringComparison.Ordinal);
        Assert.Equal(before, await http.GetStringAsync($"/api/profiles/{web.ProfileId}/display"));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Upload_NotMultipart_415NamingMultipart(string contentType)
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("video=abc"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = content };
        request.Headers.Add("X-PixelHolo-Upload", "1");
        using HttpResponseMessage reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.StatusCode);
        Assert.Contains("must send multipart/form-data", await DetailAsync(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/stage/someone", false)]
    [InlineData("/status", false)]
    [InlineData("/assets/uploader.js", false)]
    [InlineData("/assets/icons/speaking.svg", false)]
    [InlineData("/api/status", false)]
    [InlineData("/api/profiles/nobody", false)] // 404 problem
    [InlineData("/no/such/page", false)]        // 404 from the status code pages
    [InlineData("/api/profiles", true)]         // 401 of the access layer
    [InlineData("/login?token=wrong", true)]    // 401 page
    public async Task SecurityHeaders_OnEveryKindOfResponse(string path, bool tokens)
    {
        await using RunningWebApp app = await StartAsync(web, tokens);
        using HttpClient http = Client(app);

        using HttpResponseMessage reply = await http.GetAsync(path);

        Assert.Equal(ContentSecurityPolicy, Header(reply, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(reply, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(reply, "Referrer-Policy"));
        Assert.Equal("DENY", Header(reply, "X-Frame-Options"));
        string permissions = Header(reply, "Permissions-Policy");
        Assert.Contains("microphone=(self)", permissions, StringComparison.Ordinal);
        Assert.Contains("camera=(self)", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecurityHeaders_RefusedHostAndUnhandledError_StillCarryThem()
    {
        await using RunningWebApp app = await StartAsync(web, tokens: false);
        using HttpClient http = Client(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        using HttpResponseMessage reply = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        Assert.Equal(ContentSecurityPolicy, Header(reply, "Content-Security-Policy"));
    }

    [Fact]
    public async Task StaticFiles_PathTraversal_NeverServesTheRuntimeStagingOrProgramFolders()
    {
        const string Secret = "CANARY-not-to-be-served-7f3a";
        string uploads = Path.Combine(web.RuntimeDirectory, "staging", "uploads");
        string canary = Path.Combine(uploads, "canary.part");
        try
        {
            await using RunningWebApp app = await StartAsync(web, tokens: false);
            // Written once the server runs: start-up recovery clears what an earlier process left in staging.
            Directory.CreateDirectory(uploads);
            await File.WriteAllTextAsync(canary, Secret);
            string up = string.Concat(Enumerable.Repeat("../", 24));
            string upEncoded = string.Concat(Enumerable.Repeat("..%2f", 24));
            string absolute = canary.TrimStart('/');
            string[] targets =
            [
                $"/assets/{up}{absolute}",
                $"/assets/{upEncoded}{absolute.Replace("/", "%2f", StringComparison.Ordinal)}",
                $"/assets/{string.Concat(Enumerable.Repeat("%2e%2e/", 24))}{absolute}",
                $"/assets/{string.Concat(Enumerable.Repeat("..%5c", 24))}{absolute.Replace("/", "%5c", StringComparison.Ordinal)}",
                $"/assets/{string.Concat(Enumerable.Repeat("%252e%252e/", 24))}{absolute}",
                "/assets/../../appsettings.json",
                "/assets/..%2f..%2fappsettings.json",
                "/assets/%2e%2e/%2e%2e/PixelHolo.Web.dll",
                "/staging/uploads/canary.part",
                "/runtime/staging/uploads/canary.part",
                "/pixelholo.db",
                $"/profiles/{web.ProfileId}/source.mp4",
                $"/api/profiles/..%2f..%2fstaging%2fuploads%2fcanary.part/still.jpg",
                $"/api/stage/..%2f..%2fstaging/frames/0",
                $"/api/stage/{web.ProfileId}/frames/-1",
                "/api/stage/%2e%2e/frames/0",
            ];
            foreach (string target in targets)
            {
                (int status, string response) = await RawGetAsync(app, target);
                Assert.True(status is 400 or 404, $"GET {target} answered {status}");
                Assert.DoesNotContain(Secret, response, StringComparison.Ordinal);
                Assert.DoesNotContain("\"Logging\"", response, StringComparison.Ordinal); // appsettings.json
            }
        }
        finally
        {
            if (File.Exists(canary)) { File.Delete(canary); }
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Header(HttpResponseMessage reply, string name) =>
        reply.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(", ", values) : $"(no {name} header)";

    private static async Task<string> DetailAsync(HttpResponseMessage reply)
    {
        using JsonDocument problem = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString()!;
    }
}
