using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary><c>pixelholo lipsync eval</c> as a real process: its JSON line is a contract used outside the test suite.</summary>
public sealed class LipSyncCommandTests
{
    private static readonly string[] Keys = ["sync", "lagMs", "mouthSsim", "silentMotion", "closeMs", "jumpsPerSecond", "fps"];

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Eval_GridSegment_PrintsEveryKeyAndAClearlyPositiveTruthSync()
    {
        // The first 18 s (six sentences) of the GRID talker keep the run short: 14.4 s learned, 3.6 s held out.
        using var temp = new TempDirectory();
        string clip = temp.File("grid18.mp4");
        await ProcessRunner.FfmpegAsync("-i", SharedMedia.Path("videos/grid_s1_concat.mp4"), "-t", "18", "-c", "copy", clip);

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(temp.Path, ["lipsync", "eval", "--video", clip, "--holdout", "0.2", "--json"], timeout: TimeSpan.FromMinutes(8));

        Assert.True(exitCode == 0, stderr);
        string last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using JsonDocument json = JsonDocument.Parse(last);
        Assert.Equal(["engine", "loop", "truth"], json.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (JsonProperty sequence in json.RootElement.EnumerateObject())
        {
            Assert.Equal(Keys, sequence.Value.EnumerateObject().Select(p => p.Name));
        }
        JsonElement truth = json.RootElement.GetProperty("truth");
        Assert.True(truth.GetProperty("sync").GetDouble() > 0.15, last);
        Assert.Equal(1.0, truth.GetProperty("mouthSsim").GetDouble());
        Assert.InRange(json.RootElement.GetProperty("engine").GetProperty("jumpsPerSecond").GetDouble(), 0, 6);
    }

    [Fact]
    public async Task Eval_ClipWithoutSound_ExitsTwoSayingWhy()
    {
        using var temp = new TempDirectory();

        var (exitCode, _, stderr) = await CliProcess.RunAsync(temp.Path, ["lipsync", "eval", "--video", SharedMedia.Path("videos/greenscreen_man_3s.mp4")]);

        Assert.Equal(2, exitCode);
        Assert.Contains("no audio track", stderr, StringComparison.Ordinal);
    }
}
