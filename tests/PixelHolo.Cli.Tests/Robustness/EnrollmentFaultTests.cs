using System.Globalization;
using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Robustness;

/// <summary>Issue 15, items 3 and 4, on a real <c>pixelholo enroll</c> (the same submitter and pipeline as an upload to
/// <c>serve</c>): ffmpeg killed in the middle of the job, and the disk filling up under it (a real size-limited tmpfs). The
/// job fails saying why, nothing half-written is left, the database opens and the next enrollment works.</summary>
[Trait("Category", "EndToEnd")]
public sealed partial class EnrollmentFaultTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Enroll_FfmpegKilledMidway_FailsNamingFfmpegAndLeavesNoHalfProfile()
    {
        using var runtime = new TempDirectory();
        string clip = await ElevenSecondClipAsync(runtime);
        var info = CliProcess.StartInfo(runtime.Path, ["enroll", clip, "--name", "Ada"]);
        info.Environment["PIXELHOLO_Enrollment__Picture"] = "matte"; // the matte step decodes the clip through ffmpeg throughout
        using TestProcess enroll = TestProcess.Start(info);
        // The matte step loads ISNet before it starts its ffmpeg decoder: look for the child at each of its progress lines.
        string pids = "";
        for (int line = 1; line <= 60 && pids.Length == 0; line++)
        {
            await enroll.WaitForErrorOutputAsync(new Regex($"(?:^enroll: matte[^\\n]*\\n[\\s\\S]*?){{{line}}}", RegexOptions.Multiline), Generous);
            (int found, string listed, _) = await TestProcess.RunAsync("pgrep", ["-P", enroll.Id.ToString(CultureInfo.InvariantCulture), "-x", "ffmpeg"]);
            if (found == 0) { pids = listed; }
        }
        Assert.True(pids.Length > 0, $"no ffmpeg ran under enroll during the matte step; stderr: {enroll.StdErr}");
        foreach (string pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            await TestProcess.RunAsync("kill", ["-KILL", pid.Trim()]);
        }
        int code = await enroll.WaitForExitAsync(Generous);

        Assert.True(code == 1, $"exit {code}; stderr: {enroll.StdErr}");
        Assert.Contains("ffmpeg", enroll.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", enroll.StdErr, StringComparison.Ordinal);
        await AssertNothingHalfWrittenAndFailedAsync(runtime.Path);
    }

    [Fact]
    public async Task Enroll_DiskFullMidway_FailsSayingTheDiskIsFullAndTheNextEnrollmentWorksOnceThereIsRoom()
    {
        using var folder = new TempDirectory();
        string clip = await ElevenSecondClipAsync(folder);
        string runtime = folder.File("runtime");
        Directory.CreateDirectory(runtime);
        // Room for the database, the copy of the clip and a start, not for the profile's frames.
        await using SmallDisk disk = await SmallDisk.MountAsync(runtime, megabytes: 4);

        var (code, _, stderr) = await CliProcess.RunAsync(runtime, ["enroll", clip, "--name", "Ada"], timeout: Generous);

        Assert.True(code == 1, $"exit {code}; stderr: {stderr}");
        Assert.Contains("The disk is full", stderr, StringComparison.Ordinal);
        Assert.Contains("Free some space", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        await AssertNothingHalfWrittenAndFailedAsync(runtime);

        await disk.ResizeAsync(megabytes: 512);
        var (again, _, againErr) = await CliProcess.RunAsync(runtime, ["enroll", clip, "--name", "Ada again"], timeout: Generous);
        Assert.True(again == 0, $"the enrollment after the disk had room again failed: {againErr}");
    }

    private static async Task AssertNothingHalfWrittenAndFailedAsync(string runtime)
    {
        string staging = Path.Combine(runtime, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Length == 0,
            $"left in staging: {string.Join(", ", Directory.GetFiles(staging, "*", SearchOption.AllDirectories))}");
        string profiles = Path.Combine(runtime, "profiles");
        Assert.True(!Directory.Exists(profiles) || Directory.GetFileSystemEntries(profiles).Length == 0, "a profile folder was left");
        var (code, list, err) = await CliProcess.RunAsync(runtime, ["profiles", "list"]);
        Assert.True(code == 0, err); // the database opens
        Assert.Matches(FailedRow(), list);
    }

    private static async Task<string> ElevenSecondClipAsync(TempDirectory folder)
    {
        string clip = folder.File("talk.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "11", "-c", "copy", clip);
        return clip;
    }

    /// <summary>A tmpfs of a few megabytes mounted on a folder: a real full disk (ENOSPC from the kernel, for our writes and
    /// ffmpeg's alike). Needs root, as the test machines and CI run; unmounted on dispose.</summary>
    private sealed class SmallDisk : IAsyncDisposable
    {
        private readonly string _path;

        private SmallDisk(string path) => _path = path;

        public static async Task<SmallDisk> MountAsync(string path, int megabytes)
        {
            var (code, _, err) = await TestProcess.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path]);
            Assert.True(code == 0, $"Could not mount a {megabytes} MiB tmpfs on {path} ({err.Trim()}). This test needs root (mount), as CI has.");
            return new SmallDisk(path);
        }

        public async Task ResizeAsync(int megabytes)
        {
            var (code, _, err) = await TestProcess.RunAsync("mount", ["-o", $"remount,size={megabytes}m", _path]);
            Assert.True(code == 0, err);
        }

        public async ValueTask DisposeAsync() => await TestProcess.RunAsync("umount", ["-l", _path]);
    }

    [GeneratedRegex(@"[a-z0-9]{12}\s+failed")]
    private static partial Regex FailedRow();
}
