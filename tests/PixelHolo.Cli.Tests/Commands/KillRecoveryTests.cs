using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed partial class KillRecoveryTests
{
    [Fact]
    public async Task Enroll_ProcessKilledMidway_NextServerStartLeavesNoHalfProfile()
    {
        using var runtime = new TempDirectory();
        var info = CliProcess.StartInfo(runtime.Path, ["enroll", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4")]);
        info.Environment["PIXELHOLO_Enrollment__Picture"] = "matte"; // the long path, so there is time to kill it mid-way
        using (TestProcess enroll = TestProcess.Start(info))
        {
            // Wait until the job is inside the matte step (it writes into the staging folder), then kill the whole process.
            await enroll.WaitForErrorOutputAsync(new Regex("^enroll: matte", RegexOptions.Multiline), TimeSpan.FromMinutes(3));
            Assert.False(enroll.HasExited, "enroll finished before it could be killed");
        } // disposing kills the whole tree
        Assert.Contains(Directory.GetDirectories(Path.Combine(runtime.Path, "staging")), d => !d.EndsWith("uploads", StringComparison.Ordinal));

        // The next server start cleans it: no staging folder, no profile folder, the profile marked failed with the reason.
        using (TestProcess server = TestProcess.Start(CliProcess.StartInfo(runtime.Path, ["serve", "--port", "0"])))
        {
            string url = (await server.WaitForOutputAsync(UploaderUrl(), TimeSpan.FromSeconds(90))).Groups["url"].Value;
            // The job is marked failed with its reason (start-up recovery runs before Kestrel binds), readable over the API.
            using var http = new HttpClient();
            using var job = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"{url}api/jobs/{OnlyJobId(runtime.Path)}"));
            Assert.Equal("Failed", job.RootElement.GetProperty("state").GetString());
            Assert.Contains("The server stopped while this profile was being made", job.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(runtime.Path, "staging")), d => !d.EndsWith("uploads", StringComparison.Ordinal));
        string profiles = Path.Combine(runtime.Path, "profiles");
        Assert.True(!Directory.Exists(profiles) || Directory.GetFileSystemEntries(profiles).Length == 0);
        var (code, list, _) = await CliProcess.RunAsync(runtime.Path, ["profiles", "list"]);
        Assert.Equal(0, code);
        Assert.Matches(FailedRow(), list);
    }

    /// <summary>The id of the one enrollment job in the runtime's database (read only; the server has it open in WAL mode).</summary>
    private static string OnlyJobId(string runtime)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(runtime, "pixelholo.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT id FROM enrollment_jobs";
        return (string)command.ExecuteScalar()!;
    }

    [GeneratedRegex(@"Uploader: (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex UploaderUrl();

    [GeneratedRegex(@"[a-z0-9]{12}\s+failed")]
    private static partial Regex FailedRow();
}
