using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Endpoints;

[Collection(nameof(WebAppCollection))]
public sealed class ProfileEndpointsTests(WebAppFixture web)
{
    [Fact]
    public async Task EnrolledProfile_IsListedReadyWithStillAndManifest()
    {
        using JsonDocument list = JsonDocument.Parse(await web.Http.GetStringAsync("/api/profiles"));
        JsonElement profile = list.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == web.ProfileId);
        Assert.Equal("ready", profile.GetProperty("status").GetString());
        Assert.Equal("Ada", profile.GetProperty("name").GetString());

        using HttpResponseMessage still = await web.Http.GetAsync($"/api/profiles/{web.ProfileId}/still.jpg");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        byte[] jpeg = await still.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);

        using JsonDocument details = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{web.ProfileId}"));
        JsonElement manifest = details.RootElement.GetProperty("manifest");
        Assert.InRange(manifest.GetProperty("videoSeconds").GetDouble(), 11.5, 12.5);
        string[] artifacts = [.. manifest.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("path").GetString()!)];
        Assert.Contains("still.jpg", artifacts);
        Assert.Contains("audio.wav", artifacts);
        Assert.All(manifest.GetProperty("artifacts").EnumerateArray(), a => Assert.Equal(64, a.GetProperty("sha256").GetString()!.Length));
        Assert.True(manifest.GetProperty("stages").TryGetProperty("validate", out _));
    }

    [Theory]
    [InlineData("fixtures/corrupt_truncated.mp4", "corrupt", "damaged or incomplete")]
    [InlineData("fixtures/no_audio.mp4", "no-audio", "no sound track")]
    [InlineData("fixtures/audio_only_m4a_renamed.mp4", "no-video", "no picture")]
    [InlineData("fixtures/audio_only_mp3_renamed.mp4", "no-video", "no picture")]
    [InlineData("fixtures/cut_5s.mp4", "too-short", "at least 10 s")]
    public async Task Upload_BadFile_SpecificMessageAndNothingLeftBehind(string fixture, string code, string words)
    {
        int profilesBefore = (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!.Length;

        using HttpResponseMessage response = await WebAppFixture.PostUploadAsync(web.Http, SharedMedia.Path(fixture), "Bad", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement[] problems = [.. problem.RootElement.GetProperty("problems").EnumerateArray()];
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == code);
        Assert.Contains(words, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(profilesBefore, (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!.Length);
        string uploads = Path.Combine(web.RuntimeDirectory, "staging", "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0, "an upload was left in staging/uploads");
    }

    [Fact]
    public async Task Upload_NoAudioAndTooShort_ReportsBothProblemsAtOnce()
    {
        using var temp = new TempDirectory();
        string clip = temp.File("short_silent.mp4");
        await ProcessRunner.FfmpegAsync("-i", SharedMedia.Path("fixtures/no_audio.mp4"), "-t", "4", "-c", "copy", clip);

        using HttpResponseMessage response = await WebAppFixture.PostUploadAsync(web.Http, clip, "Bad", "");

        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string[] codes = [.. problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()!)];
        Assert.Equal(["no-audio", "too-short"], codes);
    }

    [Fact]
    public async Task Upload_WithoutPageHeader_IsRefused()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };
        using HttpResponseMessage response = await web.Http.PostAsync("/api/profiles", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_LargerThanLimit_413AndNoFileKept()
    {
        using var runtime = new TempDirectory();
        await using RunningWebApp small = await PixelHoloWebApp.StartAsync([], WebAppFixture.Settings(runtime.Path, web.Ollama.Endpoint, maxUploadBytes: 100_000));
        using var http = new HttpClient { BaseAddress = new Uri(small.Url) };

        using HttpResponseMessage response = await WebAppFixture.PostUploadAsync(http, SharedMedia.Path("fixtures/cut_5s.mp4"), "Big", "");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string uploads = Path.Combine(runtime.Path, "staging", "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0);
    }

    [Fact]
    public async Task Delete_Profile_RemovesRowAndFolder()
    {
        using var temp = new TempDirectory();
        string clip = temp.File("talk11.mp4");
        await ProcessRunner.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-ss", "15", "-t", "11", "-c", "copy", clip);
        (string id, string job) = await WebAppFixture.UploadAsync(web.Http, clip, "Temp", "");
        WebAppFixture.JobEvent final = await WebAppFixture.WaitForJobAsync(web.Http, job);
        Assert.Equal("succeeded", final.State);
        Assert.Equal(100, final.Percent);
        Assert.True(Directory.Exists(Path.Combine(web.RuntimeDirectory, "profiles", id)));

        using HttpResponseMessage deleted = await web.Http.DeleteAsync($"/api/profiles/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(web.RuntimeDirectory, "profiles", id)));
        Assert.Equal(HttpStatusCode.NotFound, (await web.Http.GetAsync($"/api/profiles/{id}")).StatusCode);
    }

    [Fact]
    public async Task Status_NoCamera_ShowsTrackingOffWithReasonAndCpuProvider()
    {
        using JsonDocument status = JsonDocument.Parse(await web.Http.GetStringAsync("/api/status/turns"));

        Assert.Equal("CPU", status.RootElement.GetProperty("onnxExecutionProvider").GetString());
        JsonElement tracking = status.RootElement.GetProperty("tracking");
        Assert.False(tracking.GetProperty("mountConnected").GetBoolean());
        Assert.False(string.IsNullOrEmpty(tracking.GetProperty("reason").GetString()));
        using JsonDocument contract = JsonDocument.Parse(await web.Http.GetStringAsync("/api/status"));
        Assert.StartsWith("off: ", contract.RootElement.GetProperty("tracking").GetProperty("camera").GetString(), StringComparison.Ordinal);
        Assert.Contains("PixelHolo status", await web.Http.GetStringAsync("/status"), StringComparison.Ordinal);
    }
}
