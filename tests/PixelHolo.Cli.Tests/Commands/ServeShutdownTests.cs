using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary>A real <c>pixelholo serve</c> process, stopped the way a terminal, systemd or <c>docker stop</c> stops it.</summary>
public sealed partial class ServeShutdownTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Serve_Signal_StopsAcceptingFlushesTheDatabaseAndExits0(string signal)
    {
        using var runtime = new TempDirectory();
        using var server = Server.Start(runtime.Path, []);
        string url = await server.WaitForUrlAsync();
        using var http = new HttpClient();
        Assert.Contains("PixelHolo", await http.GetStringAsync(url), StringComparison.Ordinal);

        await server.SignalAsync(signal);
        int code = await server.WaitForExitAsync();

        Assert.True(code == 0, $"exit {code}; stdout: {server.StdOut} stderr: {server.StdErr}");
        Assert.Contains("Stopped.", server.StdOut, StringComparison.Ordinal);
        // The WAL was checkpointed into the database file when the last connection closed.
        string wal = Path.Combine(runtime.Path, "pixelholo.db-wal");
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0, "the database was not flushed: its WAL is still there");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(url));
    }

    [Fact]
    public async Task Serve_SigTermDuringEnrollment_MarksItInterruptedKeepsNothingAndExits0()
    {
        using var runtime = new TempDirectory();
        // The long path (matte), and no grace: the job in flight is cancelled at once.
        using var server = Server.Start(runtime.Path, new() { ["PIXELHOLO_Enrollment__Picture"] = "matte", ["PIXELHOLO_Web__ShutdownGrace"] = "00:00:00" });
        string url = await server.WaitForUrlAsync();
        string profileId = await UploadAsync(url);
        await server.WaitForOutputAsync(new Regex($@"\[enroll {profileId}\] matte"));

        await server.SignalAsync("TERM");
        int code = await server.WaitForExitAsync();

        Assert.True(code == 0, $"exit {code}; stdout: {server.StdOut} stderr: {server.StdErr}");
        Assert.True(server.StdOut.Contains($"[enroll {profileId}] cancelled: The enrollment was stopped before it finished", StringComparison.Ordinal),
            $"stdout: {server.StdOut} stderr: {server.StdErr}");
        string[] staging = Directory.GetDirectories(Path.Combine(runtime.Path, "staging"));
        Assert.DoesNotContain(staging, d => !d.EndsWith("uploads", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(runtime.Path, "profiles", profileId)), "a half profile was kept");
        var (listCode, list, _) = await CliProcess.RunAsync(runtime.Path, ["profiles", "list"]);
        Assert.Equal(0, listCode);
        Assert.Matches($@"{profileId}\s+failed", list);
    }

    [Fact]
    public async Task Serve_SecondCtrlCDuringTheGracePeriod_ExitsAtOnce()
    {
        using var runtime = new TempDirectory();
        // A grace period far longer than the test waits: only the second signal can end the process in time.
        using var server = Server.Start(runtime.Path, new() { ["PIXELHOLO_Enrollment__Picture"] = "matte", ["PIXELHOLO_Web__ShutdownGrace"] = "00:10:00" });
        string url = await server.WaitForUrlAsync();
        string profileId = await UploadAsync(url);
        await server.WaitForOutputAsync(new Regex($@"\[enroll {profileId}\] matte"));

        await server.SignalAsync("INT");
        await server.WaitForOutputAsync(new Regex("^Stopping\\.", RegexOptions.Multiline));
        await server.SignalAsync("INT");
        int code = await server.WaitForExitAsync();

        Assert.Equal(128 + 2, code); // killed by SIGINT, not a clean exit after the grace period
        Assert.DoesNotContain("Stopped.", server.StdOut, StringComparison.Ordinal);
    }

    private static async Task<string> UploadAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var form = new MultipartFormDataContent();
        await using FileStream video = File.OpenRead(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"));
        using var file = new StreamContent(video);
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "video", "talk.mp4");
        form.Add(new StringContent("Ada"), "name");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
        request.Headers.Add("X-PixelHolo-Upload", "1");
        using HttpResponseMessage response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("profileId").GetString()!;
    }

    /// <summary>The server, started with SIGINT at its default action (a test runner may have inherited it ignored, and
    /// a child keeps an ignored signal: coreutils' <c>env --default-signal</c> resets it before exec).</summary>
    private sealed class Server : IDisposable
    {
        private readonly TestProcess _process;

        private Server(TestProcess process) => _process = process;

        public string StdOut => _process.StdOut;

        public string StdErr => _process.StdErr;

        public static Server Start(string runtime, Dictionary<string, string> environment)
        {
            environment["PIXELHOLO_Web__Port"] = "0";
            ProcessStartInfo info = CliProcess.StartInfo(runtime, ["serve"], environment);
            info.ArgumentList.Insert(0, info.FileName);
            info.ArgumentList.Insert(0, "--default-signal=INT");
            info.FileName = "env";
            return new Server(TestProcess.Start(info));
        }

        public async Task<string> WaitForUrlAsync() =>
            (await _process.WaitForOutputAsync(UploaderLine(), Generous)).Groups["url"].Value;

        public Task<Match> WaitForOutputAsync(Regex pattern) => _process.WaitForOutputAsync(pattern, Generous);

        public Task SignalAsync(string signal) => _process.SignalAsync(signal);

        public Task<int> WaitForExitAsync() => _process.WaitForExitAsync(Generous);

        public void Dispose() => _process.Dispose();
    }

    [GeneratedRegex(@"Uploader: (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex UploaderLine();
}
