using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData("enroll")]
    [InlineData("chat")]
    [InlineData("profiles")]
    [InlineData("models")]
    [InlineData("doctor")]
    public void Help_EveryCommand_HasDescription(string name)
    {
        var command = PixelHoloCli.CreateRootCommand().Subcommands.Single(c => c.Name == name);

        Assert.False(string.IsNullOrWhiteSpace(command.Description));
    }

    [Fact]
    public async Task ModelsList_PackagedModelsInstalled_ShowsVerifiedWithLicenceAndEngine()
    {
        using var runtime = new TempDirectory();

        var (code, stdout, _) = await CliProcess.RunAsync(runtime.Path, ["models", "list"]);

        Assert.Equal(0, code);
        Assert.Matches(@"silero-vad\s+packaged\s+present, verified", stdout);
        Assert.Contains("BlazeFaceDetector", stdout, StringComparison.Ordinal);
        Assert.Contains("Apache-2.0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilesShow_UnknownId_Exit2()
    {
        using var runtime = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["profiles", "show", "nosuchid"]);

        Assert.Equal(2, code);
        Assert.Contains("profiles list", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_OllamaLoopback_PrintsAnswerTimingsAndWritesWav()
    {
        using var runtime = new TempDirectory();
        await using LoopbackOllama ollama = await LoopbackOllama.StartAsync("phi4-mini:latest");
        ollama.AnswerTokens = ["I am ", "Ada."];
        using var temp = new TempDirectory();
        string clip = temp.File("talk.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "10.5", "-c", "copy", clip);
        var (enrollCode, enrolled, enrollErr) = await CliProcess.RunAsync(runtime.Path, ["enroll", clip, "--json"]);
        Assert.True(enrollCode == 0, enrollErr);
        string profileId = System.Text.Json.JsonDocument.Parse(enrolled.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("profileId").GetString()!;
        string wav = temp.File("answer.wav");
        var environment = new Dictionary<string, string> { ["PIXELHOLO_OLLAMA_URL"] = ollama.Endpoint.ToString(), ["PIXELHOLO_Llm__AutoStart"] = "false" };

        var (code, stdout, stderr) = await CliProcess.RunAsync(runtime.Path, ["chat", "--profile", profileId, "--text", "who are you", "--out", wav], environment);

        Assert.True(code == 0, stderr);
        Assert.Contains("I am Ada.", stdout.Split('\n'), StringComparer.Ordinal); // the answer on a line of its own
        Assert.Matches(@"timings: .*firstToken \d+\.\d{3} s.*firstAudio \d+\.\d{3} s.*llm \d+\.\d{3} s", stdout);
        Assert.True(new FileInfo(wav).Length > 10_000);
        Assert.Contains("[thinking]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UnknownProfile_Exit2()
    {
        using var runtime = new TempDirectory();
        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["chat", "--profile", "missing"]);

        Assert.Equal(2, code);
        Assert.Contains("profiles list", stderr, StringComparison.Ordinal);
    }
}
