using System.Net.Sockets;
using System.Text;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Access;

/// <summary>The real web app on Kestrel (127.0.0.1, a free port) over the fixture's runtime, with the tokens required as
/// beyond loopback (Web:RequireAccessToken; the middleware makes no other difference between the two) and known tokens;
/// HTTP clients that neither follow redirects nor keep cookies, so each test sees exactly what the server sent.</summary>
internal static class AccessTestServer
{
    public const string AdminToken = "admin-0123456789abcdef0123";
    public const string StageToken = "stage-0123456789abcdef0123";

    public static Dictionary<string, string?> TokenSettings() => new()
    {
        ["Web:RequireAccessToken"] = "true",
        ["Web:AccessToken"] = AdminToken,
        ["Web:StageToken"] = StageToken,
    };

    public static Task<RunningWebApp> StartAsync(WebAppFixture web, bool tokens, IReadOnlyDictionary<string, string?>? more = null)
    {
        Dictionary<string, string?> settings = WebAppFixture.Settings(web.RuntimeDirectory, web.Ollama.Endpoint);
        if (tokens) { foreach ((string k, string? v) in TokenSettings()) { settings[k] = v; } }
        foreach ((string k, string? v) in more ?? new Dictionary<string, string?>()) { settings[k] = v; }
        return PixelHoloWebApp.StartAsync([], settings);
    }

    public static HttpClient Client(RunningWebApp app) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };

    public static string Cookie(string token) => $"pixelholo_access={token}";

    /// <summary>A request carrying the access cookie of <paramref name="token"/> (none when null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) { request.Headers.Add("Cookie", Cookie(token)); }
        return request;
    }

    /// <summary>One GET with the request target sent byte for byte (HttpClient would resolve "../" before sending).</summary>
    public static async Task<(int Status, string Response)> RawGetAsync(RunningWebApp app, string target)
    {
        var url = new Uri(app.Url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        await using NetworkStream stream = tcp.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync();
        string[] statusLine = response.Split("\r\n", 2)[0].Split(' ');
        return (int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }
}
