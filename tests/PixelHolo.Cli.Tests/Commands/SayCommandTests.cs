using System.Text.Json;
using PixelHolo.Core.Audio;
using PixelHolo.Speech.Audio;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary><c>pixelholo say</c> as a real process: its flags and its <c>--json</c> line are a contract used outside the tests.</summary>
public sealed class SayCommandTests
{
    [Fact]
    public async Task Say_WithReference_WritesTheMatchedVoiceAndEndsWithTheJsonLine()
    {
        using var runtime = new TempDirectory("say-runtime");
        string output = runtime.File("answer.wav");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(runtime.Path,
            ["say", "--text", "Hello there. The tour starts at 3:30 pm.", "--out", output,
             "--reference", SharedMedia.Path("audio/ljspeech_ref_35s.wav"), "--json"]);

        Assert.True(exitCode == 0, stderr);
        string last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using JsonDocument json = JsonDocument.Parse(last);
        JsonElement root = json.RootElement;
        Assert.Equal(["engine", "seconds", "realTimeFactor", "firstAudioSeconds", "warning"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("matched", root.GetProperty("engine").GetString());
        AudioChunk audio = await WavFile.ReadAsync(output);
        Assert.Equal(audio.Duration.TotalSeconds, root.GetProperty("seconds").GetDouble(), 2);
        Assert.InRange(root.GetProperty("seconds").GetDouble(), 1.5, 10);
        Assert.True(root.GetProperty("realTimeFactor").GetDouble() > 0);
        Assert.InRange(root.GetProperty("firstAudioSeconds").GetDouble(), 0.0001, 60);
        Assert.Contains("matched offline voice", root.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(SharedMedia.Path("audio/ljspeech_ref_35s.wav"))!, "*.json"));
    }

    [Fact]
    public async Task Say_StockEngine_SpeaksWithEspeakAndSaysWhy()
    {
        using var runtime = new TempDirectory("say-runtime");
        string output = runtime.File("stock.wav");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(runtime.Path,
            ["say", "--text", "Hello.", "--out", output, "--engine", "espeak-ng", "--json"]);

        Assert.True(exitCode == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal("espeak-ng", json.RootElement.GetProperty("engine").GetString());
        Assert.Contains("stock voice", json.RootElement.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Theory]
    [InlineData("--engine", "loud", "is not an engine")]
    [InlineData("--reference", "/nonexistent/ref.wav", "does not exist")]
    [InlineData("--profile", "no-such-profile", "no-such-profile")]
    public async Task Say_BadInput_ExitsTwoSayingWhatToDo(string flag, string value, string message)
    {
        using var runtime = new TempDirectory("say-runtime");
        string output = runtime.File("never.wav");

        var (exitCode, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["say", "--text", "Hello.", "--out", output, flag, value]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
