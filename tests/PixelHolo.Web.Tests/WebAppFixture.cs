using System.Net.Http.Json;
using System.Text.Json;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests;

/// <summary>The real web app on Kestrel (127.0.0.1, a free port) with its own runtime folder, talking to a loopback Ollama;
/// one profile is enrolled once (a 12 s cut of a real talking-head clip, plain picture mode) for the stage tests.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly TempDirectory _runtime = new("pixelholo-web");

    public RunningWebApp App { get; private set; } = null!;

    public LoopbackOllama Ollama { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string RuntimeDirectory => _runtime.Path;

    public string ProfileId { get; private set; } = "";

    /// <param name="picture">Enrollment:Picture. "plain" keeps these tests quick; the browser test enrolls with the matte.</param>
    public static Dictionary<string, string?> Settings(string runtimeDirectory, Uri ollama, long maxUploadBytes = 200L << 20, string picture = "plain") => new()
    {
        ["Enrollment:Picture"] = picture,
        ["Runtime:Directory"] = runtimeDirectory,
        ["Runtime:ModelsDirectory"] = RepoPaths.ModelsDirectory,
        ["Web:Port"] = "0",
        ["Web:MaxUploadBytes"] = maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Llm:Endpoint"] = ollama.ToString(),
        ["Llm:AutoStart"] = "false",
        ["Llm:AutoPull"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        // A hang guard only: pocketsphinx on a question takes seconds idle, and far longer when the shared machine is loaded
        // (its default 2 min limit was reached there).
        ["SpeechToText:Timeout"] = "00:10:00",
    };

    public async Task InitializeAsync()
    {
        Ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        Ollama.AnswerTokens = ["Hello", ", I am Ada. ", "Nice to meet you."];
        App = await PixelHoloWebApp.StartAsync([], Settings(_runtime.Path, Ollama.Endpoint));
        Http = new HttpClient { BaseAddress = new Uri(App.Url), Timeout = TimeSpan.FromMinutes(5) };
        string clip = _runtime.File("talk12.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "12", "-c", "copy", clip);
        (string profileId, string jobId) = await UploadAsync(Http, clip, "Ada", "You are Ada, a retired ship's engineer.");
        JobEvent final = await WaitForJobAsync(Http, jobId);
        Assert.True(final.State == "succeeded", $"Fixture enrollment failed: {final.Error}");
        ProfileId = profileId;
    }

    public static async Task<(string ProfileId, string JobId)> UploadAsync(HttpClient http, string path, string name, string personality)
    {
        using HttpResponseMessage response = await PostUploadAsync(http, path, name, personality);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("profileId").GetString()!, json.RootElement.GetProperty("jobId").GetString()!);
    }

    public static async Task<HttpResponseMessage> PostUploadAsync(HttpClient http, string path, string name, string personality)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        form.Add(file, "video", Path.GetFileName(path));
        form.Add(new StringContent(name), "name");
        form.Add(new StringContent(personality), "personality");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
        request.Headers.Add("X-PixelHolo-Upload", "1");
        return await http.SendAsync(request);
    }

    public sealed record JobEvent(string State, string Stage, double Percent, string? Error, List<double> PercentsSeen);

    /// <summary>Reads the job's server-sent events until the final one.</summary>
    public static async Task<JobEvent> WaitForJobAsync(HttpClient http, string jobId)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using Stream stream = await http.GetStreamAsync($"/api/jobs/{jobId}/events", cts.Token);
        var percents = new List<double>();
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(cts.Token))
        {
            using JsonDocument update = JsonDocument.Parse(item.Data);
            JsonElement u = update.RootElement;
            percents.Add(u.GetProperty("percent").GetDouble());
            string state = u.GetProperty("state").GetString()!;
            if (state != "running")
            {
                return new JobEvent(state, u.GetProperty("stage").GetString()!, u.GetProperty("percent").GetDouble(),
                    u.TryGetProperty("error", out var e) ? e.GetString() : null, percents);
            }
        }
        throw new InvalidOperationException("The job's event stream ended without a final event.");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Ollama.DisposeAsync();
        _runtime.Dispose();
    }
}

[CollectionDefinition(nameof(WebAppCollection))]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>;
