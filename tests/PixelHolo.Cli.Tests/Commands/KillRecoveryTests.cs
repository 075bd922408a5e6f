using System.Diagnostics;
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
        using (Process enroll = Process.Start(info)!)
        {
            // Wait until the job is inside a step that writes into the staging folder, then kill the whole process.
            string staging = Path.Combine(runtime.Path, "staging");
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (!cts.IsCancellationRequested && !(Directory.Exists(staging) && Directory.GetDirectories(staging).Any(d => Directory.GetFiles(d).Length > 1)))
            {
                await Task.Delay(100, cts.Token);
            }
            Assert.False(enroll.HasExited, "enroll finished before it could be killed");
            enroll.Kill(entireProcessTree: true);
            await enroll.WaitForExitAsync();
        }
        Assert.Contains(Directory.GetDirectories(Path.Combine(runtime.Path, "staging")), d => !d.EndsWith("uploads", StringComparison.Ordinal));

        // The next server start cleans it: no staging folder, no profile folder, the profile marked failed with the reason.
        using (Process server = Process.Start(CliProcess.StartInfo(runtime.Path, ["serve", "--port", "0"]))!)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await server.StandardOutput.ReadLineAsync(cts.Token) is { } line && !line.Contains("Uploader:", StringComparison.Ordinal)) { }
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(runtime.Path, "staging")), d => !d.EndsWith("uploads", StringComparison.Ordinal));
        string profiles = Path.Combine(runtime.Path, "profiles");
        Assert.True(!Directory.Exists(profiles) || Directory.GetFileSystemEntries(profiles).Length == 0);
        var (code, list, _) = await CliProcess.RunAsync(runtime.Path, ["profiles", "list"]);
        Assert.Equal(0, code);
        Assert.Matches(FailedRow(), list);
    }

    [GeneratedRegex(@"[a-z0-9]{12}\s+failed")]
    private static partial Regex FailedRow();
}
