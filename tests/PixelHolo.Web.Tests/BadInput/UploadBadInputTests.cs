using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.TestSupport;
using PixelHolo.Web.Endpoints;
using PixelHolo.Web.Tests.Stage;

namespace PixelHolo.Web.Tests.BadInput;

/// <summary>Issue 15, item 1: bad input against the real server (Kestrel on loopback, ffprobe): a message that says what is
/// wrong and what to do, and nothing left behind (no upload in staging, no profile row or folder). The fixtures already
/// covered in <see cref="Endpoints.ProfileEndpointsTests"/> (truncated, audio only, video only, too short, over the size
/// limit) are not repeated here.</summary>
[Collection(nameof(WebAppCollection))]
public sealed class UploadBadInputTests(WebAppFixture web)
{
    public static TheoryData<string, string> NotAVideo => new()
    {
        { "empty", "damaged or incomplete" },
        { "text", "damaged or incomplete" },
        { "zip", "damaged or incomplete" },
        { "image", "at least 10 s" }, // ffprobe reads a JPEG as a one-frame video: refused as a still with no sound
    };

    [Theory]
    [MemberData(nameof(NotAVideo))]
    public async Task Upload_NotAVideoRenamedMp4_422SaysWhatIsWrongAndNothingLeft(string kind, string words)
    {
        using var temp = new TempDirectory();
        string file = temp.File("clip.mp4");
        switch (kind)
        {
            case "empty": await File.WriteAllBytesAsync(file, []); break;
            case "text": await File.WriteAllTextAsync(file, "This is a shopping list, not a video.\nmilk\neggs\n"); break;
            case "image": File.Copy(SharedMedia.Path("images/still_face_webcam_frame.jpg"), file); break;
            case "zip":
                await File.WriteAllTextAsync(temp.File("notes.txt"), "hello");
                var (code, _, err) = await TestProcess.RunAsync("zip", ["-j", "-q", temp.File("a.zip"), temp.File("notes.txt")]);
                Assert.True(code == 0, err);
                File.Move(temp.File("a.zip"), file);
                break;
        }

        JsonElement problem = await RefusedAsync(file, HttpStatusCode.UnprocessableEntity);

        Assert.Contains(words, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_TooLong_422NamesTheLimitAndSaysToTrim()
    {
        using var temp = new TempDirectory();
        string file = temp.File("long.mp4");
        // 126 copies of a 5 s clip without re-encoding: a valid 10.5 min file in a second.
        await TestProcess.FfmpegAsync("-stream_loop", "125", "-i", SharedMedia.Path("fixtures/cut_5s.mp4"), "-c", "copy", file);

        JsonElement problem = await RefusedAsync(file, HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Codes(problem), c => c == "too-long");
        Assert.Contains("at most 10 min", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Trim it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_4KAt120Fps_RefusedForItsFrameRateWithTheFix()
    {
        using var temp = new TempDirectory();
        string file = temp.File("uhd120.mp4");
        await TestProcess.FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=3840x2160:rate=120:duration=0.5", "-f", "lavfi", "-i", "sine=duration=0.5",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", file);

        JsonElement problem = await RefusedAsync(file, HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Codes(problem), c => c == "frame-rate");
        Assert.Contains("120 frames per second", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("25 or 30 fps", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd.mp4")]
    [InlineData("..\\..\\windows\\clip.mp4")]
    [InlineData("Zoë 🎤 ｆｕｌｌ‮4pm.exe.mp4")]
    [InlineData("line one\r\nforged log line.mp4")]
    [InlineData("long")]
    public async Task Upload_OddFileName_HandledAsANameNeverAPath(string sent)
    {
        string fileName = sent == "long" ? new string('a', 300) + ".mp4" : sent;
        string[] before = AllFiles(web.RuntimeDirectory);

        using HttpResponseMessage response = await PostAsync(SharedMedia.Path("fixtures/cut_5s.mp4"), fileName, personality: "");

        string body = await response.Content.ReadAsStringAsync();
        // A raw CR LF in the name breaks the part's header block: refused as malformed form data, not as "too large".
        HttpStatusCode expected = sent.Contains('\n', StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("\\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\r", body, StringComparison.Ordinal);
        Assert.Equal(before, AllFiles(web.RuntimeDirectory));
        Assert.False(File.Exists(Path.Combine(web.RuntimeDirectory, "..", "etc", "passwd.mp4")));
        await AssertNothingLeftAsync(0);
    }

    [Theory]
    [InlineData("../../etc/passwd.mp4", "passwd.mp4")]
    [InlineData("..\\..\\windows\\clip.mp4", "clip.mp4")]
    [InlineData("line one\r\nforged log line.mp4", "line oneforged log line.mp4")]
    [InlineData("Zoë 🎤.mp4", "Zoë 🎤.mp4")]
    [InlineData("..", "upload")]
    [InlineData("", "upload")]
    public void CleanFileName_LastPartWithoutControlCharacters(string sent, string kept) =>
        Assert.Equal(kept, UploadReceiver.CleanFileName(sent));

    [Fact]
    public void CleanFileName_300Characters_CutToTheFileSystemLimit() =>
        Assert.Equal(UploadReceiver.MaxFileNameChars, UploadReceiver.CleanFileName(new string('a', 300) + ".mp4").Length);

    [Fact]
    public async Task Upload_TwoAtOnce_EachGetsItsOwnAnswerAndNothingLeft()
    {
        Task<HttpResponseMessage> first = PostAsync(SharedMedia.Path("fixtures/cut_5s.mp4"), "first.mp4", "");
        Task<HttpResponseMessage> second = PostAsync(SharedMedia.Path("fixtures/no_audio.mp4"), "second.mp4", "");
        using HttpResponseMessage a = await first;
        using HttpResponseMessage b = await second;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, b.StatusCode);
        Assert.Equal(["too-short"], Codes(JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement));
        Assert.Equal(["no-audio"], Codes(JsonDocument.Parse(await b.Content.ReadAsStringAsync()).RootElement));
        await AssertNothingLeftAsync(0);
    }

    [Fact]
    public async Task Upload_PersonalityOverTheLimit_400NamesTheLimitBeforeAnyCheckAndNothingLeft()
    {
        string personality = new('p', PixelHolo.Enrollment.EnrollmentSubmitter.MaxPersonalityChars + 1);

        JsonElement problem = await RefusedAsync(SharedMedia.Path("fixtures/cut_5s.mp4"), HttpStatusCode.BadRequest, personality);

        Assert.Equal("Personality too long", problem.GetProperty("title").GetString());
        Assert.Contains("8,000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Shorten it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_PersonalityWithMarkup_StoredAsTextAndTheUploaderNeverParsesItAsHtml()
    {
        const string markup = "<img src=x onerror=alert(1)><script>alert('x')</script> **bold**";
        IProfileStore store = web.App.Services.GetRequiredService<IProfileStore>();
        AvatarProfile profile = await store.CreateAsync("Markup", markup);
        try
        {
            using JsonDocument got = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{profile.Id}"));
            Assert.Equal(markup, got.RootElement.GetProperty("profile").GetProperty("personality").GetString());
            // The pages insert profile text with textContent, never as HTML.
            foreach (string script in Directory.GetFiles(Path.Combine(PageEndpoints.SiteRoot, "assets"), "*.js", SearchOption.AllDirectories))
            {
                string code = await File.ReadAllTextAsync(script);
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(code, @"innerHTML\s*[+]?=[^;]*(personality|\.name)"), $"{script} puts profile text in innerHTML");
            }
        }
        finally
        {
            await store.DeleteAsync(profile.Id);
        }
    }

    [Fact]
    public async Task ProfileFolderDeletedUnderTheRunningServer_EachEndpointSaysSoAndTheProfileCanBeDeleted()
    {
        IProfileStore store = web.App.Services.GetRequiredService<IProfileStore>();
        AvatarProfile profile = await store.CreateAsync("Vanishing", "");
        string folder = Path.Combine(web.RuntimeDirectory, "profiles", profile.Id);
        CopyFolder(Path.Combine(web.RuntimeDirectory, "profiles", web.ProfileId), folder);
        await store.MarkReadyAsync(profile.Id, folder);

        Directory.Delete(folder, recursive: true);

        using JsonDocument details = JsonDocument.Parse(await web.Http.GetStringAsync($"/api/profiles/{profile.Id}"));
        Assert.Contains("Delete the profile and upload the video again", details.RootElement.GetProperty("manifestProblem").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Http.GetAsync($"/api/profiles/{profile.Id}/still.jpg")).StatusCode);
        await using (StageClient stage = await StageClient.ConnectAsync(web.App.Url, profile.Id))
        {
            (WebSocketCloseStatus? status, string? reason, _) = await stage.ReceiveCloseAsync();
            Assert.True(status is not null && (int)status >= 4000, $"closed {status} {reason}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
        Assert.Equal(HttpStatusCode.OK, (await web.Http.GetAsync("/api/profiles")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await web.Http.DeleteAsync($"/api/profiles/{profile.Id}")).StatusCode);
    }

    [Fact]
    public async Task Socket_TextOverItsLimit_Closed1009NamingTheLimit()
    {
        await using StageClient stage = await StageClient.ConnectAsync(web.App.Url, web.ProfileId);
        await stage.ReceiveJsonAsync("hello");

        await stage.SendTextAsync(JsonSerializer.Serialize(new { type = "ask", text = new string('q', 20_000) }));

        (WebSocketCloseStatus? status, string? reason, _) = await stage.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
        Assert.Contains("8192", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Socket_MicrophoneChunkOverItsLimit_Closed1009BeforeItIsHeard()
    {
        await using StageClient stage = await StageClient.ConnectAsync(web.App.Url, web.ProfileId);
        await stage.ReceiveJsonAsync("hello");

        await stage.SendAsync(new byte[(1 << 16) + 2], WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await stage.ReceiveCloseAsync()).Status);
    }

    [Theory]
    [InlineData("{\"type\": \"ask\", \"text\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\": \"selfDestruct\"}")]
    public async Task Socket_MalformedJson_AnsweredOrClosedWithAReasonAndTheNextPageOpens(string text)
    {
        await using (StageClient stage = await StageClient.ConnectAsync(web.App.Url, web.ProfileId))
        {
            await stage.ReceiveJsonAsync("hello");
            await stage.SendTextAsync(text);
            (WebSocketCloseStatus? status, string? reason, _) = await stage.ReceiveCloseAsync();
            Assert.True(status is WebSocketCloseStatus.InvalidPayloadData or WebSocketCloseStatus.PolicyViolation, $"closed {status} {reason}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
        await using StageClient next = await StageClient.ConnectAsync(web.App.Url, web.ProfileId);
        Assert.Equal("hello", (await next.ReceiveAsync())!.Type);
    }

    private async Task<JsonElement> RefusedAsync(string file, HttpStatusCode expected, string personality = "")
    {
        int before = (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!.Length;
        using HttpResponseMessage response = await PostAsync(file, Path.GetFileName(file), personality);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        await AssertNothingLeftAsync(before);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task AssertNothingLeftAsync(int? profilesBefore)
    {
        string uploads = Path.Combine(web.RuntimeDirectory, "staging", "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0, "an upload was left in staging/uploads");
        JsonElement[] profiles = (await web.Http.GetFromJsonAsync<JsonElement[]>("/api/profiles"))!;
        if (profilesBefore is > 0) { Assert.Equal(profilesBefore, profiles.Length); }
        Assert.DoesNotContain(profiles, p => p.GetProperty("status").GetString() == "enrolling");
    }

    /// <summary>The multipart body written by hand, so the file name reaches the server exactly as sent (HttpClient refuses
    /// a CR or LF in a header; a hostile client does not).</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, string fileName, string personality)
    {
        const string boundary = "pixelholo-bad-input";
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"personality\"\r\n\r\n{personality}\r\n");
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"{fileName}\"\r\nContent-Type: video/mp4\r\n\r\n");
        body.Write(await File.ReadAllBytesAsync(path));
        Write($"\r\n--{boundary}--\r\n");
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = content };
        request.Headers.Add("X-PixelHolo-Upload", "1");
        return await web.Http.SendAsync(request);
    }

    private static string[] Codes(JsonElement problem) =>
        [.. problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()!)];

    private static string[] AllFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("pixelholo.db", StringComparison.Ordinal)).Order()];

    private static void CopyFolder(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) { Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal)); }
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) { File.Copy(file, file.Replace(from, to, StringComparison.Ordinal)); }
    }
}
