using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Endpoints;

[Collection(nameof(WebAppCollection))]
public sealed class StageEndpointsTests(WebAppFixture web)
{
    [Fact]
    public async Task Ask_OllamaAnswers_ClipWithFootageAndSpeechOfTheSameLength()
    {
        using HttpResponseMessage response = await web.Http.PostAsJsonAsync($"/api/stage/{web.ProfileId}/ask", new { text = "who are you" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello, I am Ada. Nice to meet you.", result.RootElement.GetProperty("answer").GetString());
        string clipUrl = result.RootElement.GetProperty("clipUrl").GetString()!;
        double seconds = result.RootElement.GetProperty("clipSeconds").GetDouble();
        Assert.InRange(seconds, 1.0, 10.0);

        using var temp = new TempDirectory();
        string clip = temp.File("answer.mp4");
        await File.WriteAllBytesAsync(clip, await web.Http.GetByteArrayAsync(clipUrl));
        var (code, json, _) = await TestProcess.RunAsync("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", clip]);
        Assert.Equal(0, code);
        using JsonDocument probe = JsonDocument.Parse(json);
        string[] kinds = [.. probe.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()!)];
        Assert.Contains("video", kinds);
        Assert.Contains("audio", kinds);
        double duration = double.Parse(probe.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(duration, seconds - 0.3, seconds + 0.3);
    }

    [Fact]
    public async Task Ask_Twice_FootageContinuesWhereTheLastAnswerStopped()
    {
        using JsonDocument first = JsonDocument.Parse(await (await web.Http.PostAsJsonAsync($"/api/stage/{web.ProfileId}/ask", new { text = "one" })).Content.ReadAsStringAsync());
        using JsonDocument second = JsonDocument.Parse(await (await web.Http.PostAsJsonAsync($"/api/stage/{web.ProfileId}/ask", new { text = "two" })).Content.ReadAsStringAsync());

        Assert.NotEqual(first.RootElement.GetProperty("clipUrl").GetString(), second.RootElement.GetProperty("clipUrl").GetString());
        Assert.Null(second.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Ask_EmptyQuestion_400WithHint()
    {
        using HttpResponseMessage response = await web.Http.PostAsJsonAsync($"/api/stage/{web.ProfileId}/ask", new { text = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Type a question", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnknownProfile_404()
    {
        using HttpResponseMessage response = await web.Http.PostAsJsonAsync("/api/stage/nosuchprofile/ask", new { text = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Ask_OllamaDown_ErrorWithFixAndErrorStageEvent()
    {
        await using RunningWebApp down = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(web.RuntimeDirectory, LoopbackOllama.UnusedEndpoint()));
        using var http = new HttpClient { BaseAddress = new Uri(down.Url) };

        using JsonDocument result = JsonDocument.Parse(await (await http.PostAsJsonAsync($"/api/stage/{web.ProfileId}/ask", new { text = "hello" })).Content.ReadAsStringAsync());

        Assert.Contains("ollama serve", result.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(result.RootElement.GetProperty("clipUrl").GetString());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using Stream events = await http.GetStreamAsync($"/api/stage/{web.ProfileId}/events", cts.Token);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(events).EnumerateAsync(cts.Token))
        {
            using JsonDocument state = JsonDocument.Parse(item.Data);
            Assert.Equal("Error", state.RootElement.GetProperty("state").GetString());
            Assert.Contains("ollama serve", state.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            break;
        }
    }

    [Fact]
    public async Task Clip_PathTraversalName_Refused()
    {
        using HttpResponseMessage response = await web.Http.GetAsync($"/api/stage/{web.ProfileId}/clips/..%2F..%2Fpixelholo.db");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Listen_RecordedSpeech_TranscribedThenAnswered()
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(SharedMedia.Path("audio/jfk.wav")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stage/{web.ProfileId}/listen") { Content = content };
        request.Headers.Add("X-PixelHolo-Stage", "1");

        using HttpResponseMessage response = await web.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("country", result.RootElement.GetProperty("transcript").GetString(), StringComparison.Ordinal);
        Assert.Equal(result.RootElement.GetProperty("transcript").GetString(), result.RootElement.GetProperty("question").GetString());
        Assert.Equal("Hello, I am Ada. Nice to meet you.", result.RootElement.GetProperty("answer").GetString());
        Assert.NotNull(result.RootElement.GetProperty("clipUrl").GetString());
    }

    [Fact]
    public async Task Listen_Silence_NotCaughtErrorAndNoTurn()
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(SharedMedia.Path("fixtures/silent_3s.wav")));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stage/{web.ProfileId}/listen") { Content = content };
        request.Headers.Add("X-PixelHolo-Stage", "1");

        using JsonDocument result = JsonDocument.Parse(await (await web.Http.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.Contains("did not catch", result.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(result.RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Listen_NotFromStagePage_Refused()
    {
        using var content = new ByteArrayContent([1, 2, 3]);

        using HttpResponseMessage response = await web.Http.PostAsync($"/api/stage/{web.ProfileId}/listen", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
