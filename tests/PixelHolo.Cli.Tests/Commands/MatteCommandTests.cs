using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed class MatteCommandTests
{
    [Fact]
    public async Task MatteEval_Json_LastLineHasTheContractKeys()
    {
        using var runtime = new TempDirectory();
        string clip = runtime.File("short.mp4");
        // 1 s at 240×240: the model still runs at 1024², but the fast path and the encoder have little to do.
        await ProcessRunner.FfmpegAsync("-i", SharedMedia.Path("fixtures/cut_5s.mp4"), "-t", "1", "-vf", "scale=240:240", "-an", "-c:v", "libx264", "-preset", "veryfast", clip);

        var (code, stdout, stderr) = await CliProcess.RunAsync(runtime.Path, ["matte", "eval", "--video", clip, "--frames", "1", "--json"],
            new Dictionary<string, string> { ["PIXELHOLO_Matting__MinKeyFrames"] = "2" }, timeout: TimeSpan.FromMinutes(8));

        Assert.True(code == 0, $"exit {code}: {stderr}");
        string last = stdout.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        string[] keys = [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["iou", "alphaMae", "nonBlackBackground", "framesPerSecond", "worstIou", "worstFrame", "cuts", "edgeSpill"], keys);
        Assert.InRange(json.RootElement.GetProperty("iou").GetDouble(), 0.8, 1.0);
        Assert.Equal(json.RootElement.GetProperty("iou").GetDouble(), json.RootElement.GetProperty("worstIou").GetDouble(), 4);   // one frame
        Assert.InRange(json.RootElement.GetProperty("worstFrame").GetInt32(), 0, 29);
        Assert.Equal(0, json.RootElement.GetProperty("cuts").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("edgeSpill").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public async Task MatteEval_ZeroFrames_ExitsTwoAndSaysWhy()
    {
        using var runtime = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["matte", "eval", "--video", SharedMedia.Path("fixtures/cut_5s.mp4"), "--frames", "0"]);

        Assert.Equal(2, code);
        Assert.Contains("--frames must be 1 or more", stderr, StringComparison.Ordinal);
    }
}
