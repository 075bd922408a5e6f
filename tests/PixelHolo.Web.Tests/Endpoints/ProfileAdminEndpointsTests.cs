using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Web.Tests.Endpoints;

[Collection(nameof(WebAppCollection))]
public sealed class ProfileAdminEndpointsTests(WebAppFixture web)
{
    private static readonly string[] Engines = ["pocket", "chatterbox", "matched", "espeak-ng"];

    private string Clip => Path.Combine(web.RuntimeDirectory, "talk12.mp4");

    [Theory]
    [InlineData("Ada\u0007Lovelace", "control or invisible character (U+0007 at position 4)")]
    [InlineData("Ada\u202EecalevoL", "U+202E")]
    [InlineData("   ", "The name is empty")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890X", "at most 80")]
    public async Task Rename_BadName_400NamingTheProblemAndNameUnchanged(string name, string words)
    {
        using HttpResponseMessage response = await PatchAsync(web.ProfileId, JsonSerializer.Serialize(new { name }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(words, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ada", await NameOfAsync(web.ProfileId));
    }

    [Fact]
    public async Task Rename_NotJson_415AndNameUnchanged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/profiles/{web.ProfileId}")
        {
            Content = new StringContent("{\"name\":\"Eve\"}", Encoding.UTF8, "text/plain"),
        };
        using HttpResponseMessage response = await web.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Ada", await NameOfAsync(web.ProfileId));
    }

    [Fact]
    public async Task Voice_ReadyProfile_NamesAnEngineOfTheChain()
    {
        using JsonDocument voice = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{web.ProfileId}/voice"));
        Assert.Contains(voice.RootElement.GetProperty("engine").GetString(), Engines);
        Assert.False(string.IsNullOrEmpty(voice.RootElement.GetProperty("licence").GetString()));
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task ReEnroll_OtherPictureMode_NewJobCompletesAndManifestShowsIt()
    {
        (string profileId, string firstJob) = await WebAppFixture.UploadAsync(web.Http, Clip, "Re-run", "");
        Assert.Equal("succeeded", (await WebAppFixture.WaitForJobAsync(web.Http, firstJob)).State);
        Assert.Equal("first frame", (await ManifestAsync(profileId)).GetProperty("still").GetProperty("method").GetString());

        using HttpResponseMessage response = await PostJsonAsync($"/api/profiles/{profileId}/reenroll", "{\"picture\":\"matte\"}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string jobId = accepted.RootElement.GetProperty("jobId").GetString()!;
        Assert.NotEqual(firstJob, jobId);

        WebAppFixture.JobEvent final = await WebAppFixture.WaitForJobAsync(web.Http, jobId);

        Assert.True(final.State == "succeeded", $"The re-run failed: {final.Error}");
        JsonElement manifest = await ManifestAsync(profileId);
        Assert.Equal("matte", manifest.GetProperty("picture").GetString());
        Assert.True(manifest.TryGetProperty("matte", out _), "the re-run's manifest has no matte report");
        string folder = Path.Combine(web.RuntimeDirectory, "profiles", profileId);
        Assert.True(File.Exists(Path.Combine(folder, "matte.mp4")));
        Assert.Single(Directory.GetFiles(folder, "source.*")); // the source is kept for the next re-run
        Assert.Equal("ready", await StatusOfAsync(profileId));
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task ReEnroll_DamagedSource_JobFailsAndOldProfileIntact()
    {
        (string profileId, string firstJob) = await WebAppFixture.UploadAsync(web.Http, Clip, "Keep me", "");
        Assert.Equal("succeeded", (await WebAppFixture.WaitForJobAsync(web.Http, firstJob)).State);
        string folder = Path.Combine(web.RuntimeDirectory, "profiles", profileId);
        string source = Assert.Single(Directory.GetFiles(folder, "source.*"));
        // The kept video gets damaged on disk: the re-run must fail at validation and keep what was there.
        File.Copy(SharedMedia.Path("fixtures/corrupt_truncated.mp4"), source, overwrite: true);
        byte[] manifestBefore = await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json"));
        string[] filesBefore = [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

        using HttpResponseMessage response = await PostJsonAsync($"/api/profiles/{profileId}/reenroll", "{\"picture\":\"matte\"}");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using JsonDocument accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        WebAppFixture.JobEvent final = await WebAppFixture.WaitForJobAsync(web.Http, accepted.RootElement.GetProperty("jobId").GetString()!);

        Assert.Equal("failed", final.State);
        Assert.False(string.IsNullOrWhiteSpace(final.Error));
        Assert.Equal("ready", await StatusOfAsync(profileId));
        Assert.Equal(manifestBefore, await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));
        string[] filesAfter = [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        Assert.Equal(filesBefore, filesAfter);
        using HttpResponseMessage still = await web.Http.GetAsync($"/api/profiles/{profileId}/still.jpg");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        string staging = Path.Combine(web.RuntimeDirectory, "staging");
        Assert.DoesNotContain(Directory.GetDirectories(staging), d => Path.GetFileName(d).StartsWith(profileId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReEnroll_UnknownPictureMode_400NamingTheModes()
    {
        using HttpResponseMessage response = await PostJsonAsync($"/api/profiles/{web.ProfileId}/reenroll", "{\"picture\":\"sepia\"}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("'sepia' is not a picture mode. Use \"matte\" or \"plain\"", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PatchAsync(string id, string json) =>
        web.Http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/profiles/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        web.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<string?> NameOfAsync(string id) =>
        (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!.Single(p => p.GetProperty("id").GetString() == id).GetProperty("name").GetString();

    private async Task<string?> StatusOfAsync(string id) =>
        (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!.Single(p => p.GetProperty("id").GetString() == id).GetProperty("status").GetString();

    private async Task<JsonElement> ManifestAsync(string id)
    {
        using JsonDocument details = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{id}"));
        return details.RootElement.GetProperty("manifest").Clone();
    }
}
