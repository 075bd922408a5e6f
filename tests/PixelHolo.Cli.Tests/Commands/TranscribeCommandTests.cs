using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary><c>pixelholo transcribe FILE.wav [--engine E] [--json]</c> as a real process: its JSON line is a contract.</summary>
public sealed class TranscribeCommandTests
{
    [Fact]
    public async Task Transcribe_JfkJson_PrintsTheContractKeysWithTimedWords()
    {
        using var runtime = new TempDirectory();

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(runtime.Path,
            ["transcribe", SharedMedia.Path("audio/jfk.wav"), "--engine", "pocketsphinx", "--json"]);

        Assert.True(exitCode == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        JsonElement root = json.RootElement;
        Assert.Equal(["text", "engine", "seconds", "words"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pocketsphinx", root.GetProperty("engine").GetString());
        Assert.Equal(11.0, root.GetProperty("seconds").GetDouble(), 2);
        Assert.Contains("country", root.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        JsonElement[] words = [.. root.GetProperty("words").EnumerateArray()];
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.Equal(["word", "start", "end"], w.EnumerateObject().Select(p => p.Name)));
        Assert.All(words, w => Assert.True(w.GetProperty("start").GetDouble() < w.GetProperty("end").GetDouble(), w.ToString()));
        Assert.Contains("Crude recognition", stderr, StringComparison.Ordinal); // the warning is visible, and not on stdout
        Assert.DoesNotContain("Crude", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("engine")]
    [InlineData("notwav")]
    public async Task Transcribe_BadInput_ExitsTwoSayingWhatIsWrong(string problem)
    {
        using var runtime = new TempDirectory();
        string notWav = runtime.File("notes.wav");
        await File.WriteAllTextAsync(notWav, "not audio");
        string[] arguments = problem switch
        {
            "missing" => ["transcribe", runtime.File("nothing.wav")],
            "engine" => ["transcribe", SharedMedia.Path("audio/jfk.wav"), "--engine", "bogus"],
            _ => ["transcribe", notWav],
        };
        string expected = problem switch { "missing" => "does not exist", "engine" => "Unknown engine 'bogus'", _ => "not a WAV file" };

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(runtime.Path, arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout.Trim());
    }
}
