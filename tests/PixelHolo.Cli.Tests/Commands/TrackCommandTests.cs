using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

[Trait("Category", "EndToEnd")]
public sealed class TrackCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("visca", "81 01 06 01")]
    [InlineData("pelco-d", "FF 01 00 02")]
    [InlineData("text", "50 41 4E 20")] // "PAN "
    public async Task Track_AgainstMountSimOnPtyPair_PansTheSimulatedMountTowardTheFace(string protocol, string commandHex)
    {
        // A 640×480 window over a real clip with the face right of centre.
        using var temp = new TempDirectory("track-cli");
        string clip = temp.File("face-right.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), "-t", "2",
            "-vf", "crop=640:480:219:36", "-an", "-c:v", "libx264", "-preset", "ultrafast", clip);
        using PtyPair pty = await PtyPair.StartAsync();
        using var simulator = CliProcess.Start("mount-sim", "--protocol", protocol, "--port", pty.B);
        await simulator.WaitForOutputAsync("Ctrl+C to stop", Patience);
        string preview = temp.File("preview.mp4");

        var (code, stdout, stderr) = await CliProcess.RunAsync(Patience,
            "track", "--camera", clip, "--port", pty.A, "--protocol", protocol, "--duration", "5", "--preview", preview); // room for a slow start on a loaded machine

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("following (", stdout, StringComparison.Ordinal);             // each detection
        Assert.Contains($"command pan right", stdout, StringComparison.Ordinal);      // each command ...
        Assert.Contains(commandHex, stdout, StringComparison.Ordinal);                // ... with its bytes
        Assert.Contains("Mount connected on", stderr, StringComparison.Ordinal);
        await simulator.WaitForOutputAsync("= pan right", Patience);                   // the mount understood it
        await simulator.SignalAsync("TERM");
        int simulatorExit = await simulator.WaitForExitAsync(Patience);
        Assert.True(simulatorExit == 0, $"mount-sim exit {simulatorExit}: {simulator.StdOut} {simulator.StdErr}"); // SIGTERM is a clean stop
        Assert.Matches(@"Stopped at pan [1-9]\d*\.\d°", simulator.StdOut);             // and turned right (positive pan)
        var (probe, size, _) = await TestProcess.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=width,height,nb_read_frames", "-of", "csv=p=0", preview]);
        Assert.Equal(0, probe);
        string[] fields = size.Trim().Split(',');
        Assert.Equal(["640", "480"], fields[..2]);
        // The preview holds every frame the run processed, whole (how many fit in --duration depends on the machine's
        // speed, so the count is checked against the run's own "Done: N frames" line; the last frame may be cut by the stop).
        int previewFrames = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        int processed = int.Parse(Regex.Match(stdout, @"Done: (\d+) frames").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(previewFrames >= 1 && previewFrames >= processed - 1 && previewFrames <= processed, $"preview has {previewFrames} frames, the run processed {processed}");
    }

    [Fact]
    public async Task Track_UnknownProtocol_ExitsWithBadInputAndTheChoices()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Patience, "track", "--camera", "/dev/video0", "--port", "/dev/ttyUSB0", "--protocol", "sony");

        Assert.Equal(2, code);
        Assert.Contains("Unknown protocol 'sony'. Use one of: visca, pelco-d, text.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Track_NoCamera_ExitsFailedAndSaysHowToEnableIt()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Patience, "track", "--camera", "/dev/video-missing", "--port", "/dev/ttyUSB9", "--protocol", "visca");

        Assert.Equal(1, code);
        Assert.Contains("No camera at /dev/video-missing", stderr, StringComparison.Ordinal);
    }
}
