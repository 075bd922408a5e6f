using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Robustness;

/// <summary>Issue 15, items 2 and 3, with a real <c>pixelholo serve</c> process: a damaged model or a missing tool turns off
/// only what needs it; SIGTERM and kill -9 in the middle of an upload leave no partial file, and the next start opens.</summary>
public sealed partial class DegradedAndCrashTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serve_DamagedVadModelMissingFfmpegNoLanguageModel_StartsAndSaysWhatIsOffInOneLineEach()
    {
        using var runtime = new TempDirectory();
        string models = DamagedModels(runtime, "silero_vad.onnx");
        var environment = new Dictionary<string, string>
        {
            ["PIXELHOLO_Runtime__ModelsDirectory"] = models,
            ["PIXELHOLO_Ffmpeg__FfmpegPath"] = "/nonexistent/ffmpeg",
            ["PIXELHOLO_Llm__Endpoint"] = "http://127.0.0.1:9", // discard port: nothing answers
        };
        using TestProcess server = StartServer(runtime.Path, environment);
        string url = (await server.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;

        string vadLine = Assert.Single(server.StdOut.Split('\n'), l => l.Contains("Voice detection is off", StringComparison.Ordinal));
        Assert.Contains("pixelholo models pull", vadLine, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.StdOut, StringComparison.Ordinal); // no stack trace at the default level
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using JsonDocument status = JsonDocument.Parse(await http.GetStringAsync("/api/status"));
        JsonElement engines = status.RootElement.GetProperty("engines");
        Assert.StartsWith("Microphone off: ", engines.GetProperty("stt").GetProperty("fallback").GetString(), StringComparison.Ordinal);
        Assert.Contains("ollama serve", engines.GetProperty("llm").GetProperty("fallback").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

        var (_, doctor, _) = await CliProcess.RunAsync(runtime.Path, ["doctor"], environment);
        Assert.Matches(@"MISSING\s+ffmpeg\s+'/nonexistent/ffmpeg' not found .*Ffmpeg:FfmpegPath", doctor);
        Assert.Matches(@"MISSING\s+model silero-vad\s+sha256 mismatch .*pixelholo models pull silero-vad", doctor);
    }

    [Theory]
    [InlineData("model blazeface-front", "face_detection_front_128x128.onnx", null, "MISSING\\s+model blazeface-front\\s+sha256 mismatch")]
    [InlineData("model isnet-medium", "isnet_medium.onnx", null, "MISSING\\s+model isnet-medium\\s+sha256 mismatch")]
    [InlineData("pocketsphinx", null, "SpeechToText:Executable", "absent\\s+pocketsphinx\\s+'/nonexistent/tool' not found")]
    [InlineData("espeak-ng", null, "Tts:Executable", "MISSING\\s+espeak-ng\\s+'/nonexistent/tool' not found")]
    public async Task Serve_PartMissingOrDamaged_StartsAndSaysWhatIsOffInOneLineStatusAndDoctor(string part, string? damagedModel, string? toolSetting, string doctorLine)
    {
        using var runtime = new TempDirectory();
        var environment = new Dictionary<string, string> { ["PIXELHOLO_Enrollment__Picture"] = "matte" };
        if (damagedModel is not null) { environment["PIXELHOLO_Runtime__ModelsDirectory"] = DamagedModels(runtime, damagedModel); }
        if (toolSetting is not null) { environment["PIXELHOLO_" + toolSetting.Replace(":", "__", StringComparison.Ordinal)] = "/nonexistent/tool"; }
        using TestProcess server = StartServer(runtime.Path, new(environment));
        string url = (await server.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
        await server.WaitForOutputAsync("Start-up check done", Generous);

        string line = Assert.Single(server.StdOut.Split('\n'), l => l.Contains($"{part} is off:", StringComparison.Ordinal));
        Assert.Contains(damagedModel is null ? toolSetting! : $"pixelholo models pull {part["model ".Length..]}", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.StdOut, StringComparison.Ordinal); // no stack trace at the default level
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using (JsonDocument status = JsonDocument.Parse(await http.GetStringAsync("/api/status/off")))
        {
            JsonElement off = Assert.Single(status.RootElement.GetProperty("off").EnumerateArray());
            Assert.Equal(part, off.GetProperty("part").GetString());
            Assert.Contains(line[(line.IndexOf(" is off: ", StringComparison.Ordinal) + " is off: ".Length)..], off.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/status")).StatusCode);
        if (damagedModel is not null)
        {
            // What needs the model fails on its own with the fix: an upload's enrollment (the face check, the matte).
            string clip = runtime.File("talk.mp4");
            await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "11", "-c", "copy", clip);
            JsonElement final = await UploadAndWaitAsync(http, clip);
            Assert.Equal("failed", final.GetProperty("state").GetString());
            Assert.Contains("pixelholo models pull", final.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Empty(Leftovers(runtime.Path));
        }

        var (_, doctor, _) = await CliProcess.RunAsync(runtime.Path, ["doctor"], environment);
        Assert.Matches(doctorLine, doctor);
    }

    /// <summary>Uploads a clip as the uploader page does and reads the job's events to the final one.</summary>
    private static async Task<JsonElement> UploadAndWaitAsync(HttpClient http, string clip)
    {
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(clip)), "video", Path.GetFileName(clip) }, { new StringContent("Ada"), "name" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
        request.Headers.Add("X-PixelHolo-Upload", "1");
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        string jobId = JsonDocument.Parse(body).RootElement.GetProperty("jobId").GetString()!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using Stream events = await http.GetStreamAsync($"/api/jobs/{jobId}/events", limit.Token);
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(events).EnumerateAsync(limit.Token))
        {
            JsonElement update = JsonDocument.Parse(item.Data).RootElement.Clone();
            if (update.GetProperty("state").GetString() != "running") { return update; }
        }
        throw new InvalidOperationException("The job's event stream ended without a final event.");
    }

    [Fact]
    public async Task Serve_SigTermDuringAnUpload_ExitsCleanlyAndNoPartialFileIsLeft()
    {
        using var runtime = new TempDirectory();
        using TestProcess server = StartServer(runtime.Path, []);
        string url = (await server.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
        using var upload = new StalledUpload(url);
        await upload.WaitUntilPartOnDiskAsync(Path.Combine(runtime.Path, "staging"));

        await server.SignalAsync("TERM");
        int code = await server.WaitForExitAsync(Generous);

        Assert.True(code == 0, $"exit {code}; stdout: {server.StdOut} stderr: {server.StdErr}");
        Assert.Contains("Stopped.", server.StdOut, StringComparison.Ordinal);
        Assert.Empty(Leftovers(runtime.Path));
    }

    [Fact]
    public async Task Serve_KilledDuringAnUpload_NextStartOpensTheDatabaseAndLeavesNoPartialFile()
    {
        using var runtime = new TempDirectory();
        using (TestProcess server = StartServer(runtime.Path, []))
        {
            string url = (await server.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
            using var upload = new StalledUpload(url);
            await upload.WaitUntilPartOnDiskAsync(Path.Combine(runtime.Path, "staging"));
            Assert.NotEmpty(Leftovers(runtime.Path));
        } // disposing kills the whole tree (SIGKILL): no shutdown code runs

        using (TestProcess restarted = StartServer(runtime.Path, []))
        {
            string url = (await restarted.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
            using var http = new HttpClient();
            Assert.Equal("[]", await http.GetStringAsync(url + "api/profiles"));
            Assert.Empty(Leftovers(runtime.Path));
            Assert.DoesNotContain("integrity check", restarted.StdOut, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task Serve_StoppedDuringATurn_ProfileIntactAndTheNextServerConverses(string signal)
    {
        using var runtime = new TempDirectory();
        string clip = runtime.File("talk.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "11", "-c", "copy", clip);
        var (enrolled, enrollOut, enrollErr) = await CliProcess.RunAsync(runtime.Path, ["enroll", clip, "--name", "Ada", "--json"]);
        Assert.True(enrolled == 0, enrollErr);
        string profileId = JsonDocument.Parse(enrollOut.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("profileId").GetString()!;
        string manifest = await File.ReadAllTextAsync(Path.Combine(runtime.Path, "profiles", profileId, "manifest.json"));
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        // A slow model: the turn is still running (spoken, not finished) when the server is stopped.
        ollama.AnswerTokens = ["Well, I think about that a lot.", .. Enumerable.Repeat(" And more.", 40)];
        ollama.TokenDelay = TimeSpan.FromSeconds(1);
        var environment = new Dictionary<string, string> { ["PIXELHOLO_Llm__Endpoint"] = ollama.Endpoint.ToString() };

        using (TestProcess server = StartServer(runtime.Path, new(environment)))
        {
            string url = (await server.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
            using var stage = await StageSocket.OpenAsync(url, profileId);
            await stage.SendAsync(new { type = "ask", text = "What do you think about?" });
            await stage.WaitForAsync("said");
            if (signal == "TERM")
            {
                await server.SignalAsync("TERM");
                int code = await server.WaitForExitAsync(Generous);
                Assert.True(code == 0, $"exit {code}; stdout: {server.StdOut} stderr: {server.StdErr}");
            }
        } // KILL: disposing kills the whole tree

        ollama.TokenDelay = TimeSpan.Zero;
        ollama.AnswerTokens = ["Hello again."];
        using TestProcess restarted = StartServer(runtime.Path, new(environment));
        string again = (await restarted.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;
        Assert.Equal(manifest, await File.ReadAllTextAsync(Path.Combine(runtime.Path, "profiles", profileId, "manifest.json")));
        string staging = Path.Combine(runtime.Path, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Length == 0, "a temporary file was left in staging");
        using var next = await StageSocket.OpenAsync(again, profileId);
        await next.SendAsync(new { type = "ask", text = "Are you there?" });
        JsonElement said = await next.WaitForAsync("said");
        Assert.Contains("Hello again", said.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A stage page's socket, reduced to what these tests need: send JSON, wait for a message type.</summary>
    private sealed class StageSocket : IDisposable
    {
        private readonly System.Net.WebSockets.ClientWebSocket _socket = new();
        private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(3));

        public static async Task<StageSocket> OpenAsync(string url, string profileId)
        {
            var stage = new StageSocket();
            await stage._socket.ConnectAsync(new Uri($"{url.Replace("http://", "ws://", StringComparison.Ordinal)}api/stage/{profileId}/socket"), stage._guard.Token);
            await stage.WaitForAsync("hello");
            return stage;
        }

        public Task SendAsync(object message) => _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message),
            System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, _guard.Token);

        public async Task<JsonElement> WaitForAsync(string type)
        {
            byte[] buffer = new byte[1 << 16];
            while (true)
            {
                using var message = new MemoryStream();
                System.Net.WebSockets.WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _guard.Token);
                    Assert.NotEqual(System.Net.WebSockets.WebSocketMessageType.Close, result.MessageType);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType != System.Net.WebSockets.WebSocketMessageType.Text) { continue; }
                JsonElement json = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                Assert.False(json.GetProperty("type").GetString() == "state" && json.GetProperty("state").GetString() == "error", json.ToString());
                if (json.GetProperty("type").GetString() == type) { return json; }
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _guard.Dispose();
        }
    }

    /// <summary>Every file under staging (partial uploads, temp WAVs, half profiles) and any profile folder.</summary>
    private static string[] Leftovers(string runtime)
    {
        string staging = Path.Combine(runtime, "staging"), profiles = Path.Combine(runtime, "profiles");
        return [.. (Directory.Exists(staging) ? Directory.GetFiles(staging, "*", SearchOption.AllDirectories) : []),
            .. (Directory.Exists(profiles) ? Directory.GetFileSystemEntries(profiles) : [])];
    }

    /// <summary>A copy of the packaged model folder (links) with <paramref name="damaged"/> replaced by bytes that are not a model.</summary>
    private static string DamagedModels(TempDirectory runtime, string damaged)
    {
        string folder = runtime.File("models");
        Directory.CreateDirectory(folder);
        foreach (string entry in Directory.GetFileSystemEntries(RepoPaths.ModelsDirectory))
        {
            string target = Path.Combine(folder, Path.GetFileName(entry));
            if (Path.GetFileName(entry) == damaged) { File.WriteAllText(target, "not an onnx model"); }
            else { File.CreateSymbolicLink(target, entry); }
        }
        return folder;
    }

    /// <summary>serve on a free port, with SIGINT at its default action (see ServeShutdownTests).</summary>
    private static TestProcess StartServer(string runtime, Dictionary<string, string> environment)
    {
        environment["PIXELHOLO_Web__Port"] = "0";
        environment["PIXELHOLO_Tracking__Enabled"] = "false";
        ProcessStartInfo info = CliProcess.StartInfo(runtime, ["serve"], environment);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "--default-signal=INT");
        info.FileName = "env";
        return TestProcess.Start(info);
    }

    /// <summary>An upload that sends its first megabyte and then waits (a slow phone on the venue's Wi-Fi), so the server
    /// holds a partial file when the test stops it.</summary>
    private sealed class StalledUpload : IDisposable
    {
        private readonly HttpClient _http;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sending;

        public StalledUpload(string url)
        {
            _http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
            var form = new MultipartFormDataContent { { new StalledContent(_stop.Token), "video", "slow.mp4" } };
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
            request.Headers.Add("X-PixelHolo-Upload", "1");
            _sending = _http.SendAsync(request, _stop.Token);
        }

        public async Task WaitUntilPartOnDiskAsync(string staging)
        {
            // The folder the server writes into exists before the watch starts (inotify can miss a file created at once
            // in a folder that appeared after it), and every event rescans, so no order of events is missed.
            string uploads = Path.Combine(staging, "uploads");
            Directory.CreateDirectory(uploads);
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Check() { if (Directory.GetFiles(uploads, "*.part").Length > 0) { seen.TrySetResult(); } }
            using var watcher = new FileSystemWatcher(uploads) { EnableRaisingEvents = true };
            watcher.Changed += (_, _) => Check();
            watcher.Created += (_, _) => Check();
            Check();
            Task done = await Task.WhenAny(seen.Task, _sending, Task.Delay(Generous));
            Assert.True(done == seen.Task, done == _sending ? $"the upload ended first: {_sending.Exception?.GetBaseException().Message}" : "no partial upload appeared");
        }

        public void Dispose()
        {
            _stop.Cancel();
            _http.Dispose();
            _stop.Dispose();
        }
    }

    private sealed class StalledContent(CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            byte[] head = await File.ReadAllBytesAsync(SharedMedia.Path("fixtures/no_audio.mp4"), stop);
            await stream.WriteAsync(head, stop);
            await stream.FlushAsync(stop);
            await Task.Delay(Timeout.Infinite, stop); // never finishes: the server is stopped first
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [GeneratedRegex(@"Uploader: (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex UploaderLine();
}
