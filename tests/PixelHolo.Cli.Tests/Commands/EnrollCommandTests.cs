using System.Text.Json;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed class EnrollCommandTests
{
    [Fact]
    public async Task Enroll_RealClipWithJson_LastLineIsTheContractObjectAndProfileIsReady()
    {
        using var runtime = new TempDirectory();
        using var temp = new TempDirectory();
        string clip = temp.File("talk.mp4");
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), "-t", "11", "-c", "copy", clip);
        string personality = temp.File("persona.txt");
        await File.WriteAllTextAsync(personality, "You are Ada.");

        var (code, stdout, stderr) = await CliProcess.RunAsync(runtime.Path, ["enroll", clip, "--name", "Ada", "--personality-file", personality, "--json"]);

        Assert.True(code == 0, stderr);
        string last = stdout.TrimEnd().Split('\n')[^1];
        using JsonDocument json = JsonDocument.Parse(last);
        JsonElement root = json.RootElement;
        string profileId = root.GetProperty("profileId").GetString()!;
        string path = root.GetProperty("path").GetString()!;
        Assert.True(Directory.Exists(path));
        Assert.True(File.Exists(Path.Combine(path, "manifest.json")));
        Assert.InRange(root.GetProperty("videoSeconds").GetDouble(), 10.5, 11.5);
        Assert.True(root.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.True(root.GetProperty("stages").GetProperty("validate").GetDouble() >= 0);
        Assert.Contains("100 %", stderr, StringComparison.Ordinal);

        var (listCode, list, _) = await CliProcess.RunAsync(runtime.Path, ["profiles", "list"]);
        Assert.Equal(0, listCode);
        Assert.Contains($"{profileId}  ready", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fixtures/no_audio.mp4", "no sound track")]
    [InlineData("fixtures/corrupt_truncated.mp4", "damaged or incomplete")]
    [InlineData("fixtures/audio_only_mp3_renamed.mp4", "no picture")]
    public async Task Enroll_BadInput_Exit2WithPageMessageAndNoProfile(string fixture, string words)
    {
        using var runtime = new TempDirectory();

        var (code, stdout, stderr) = await CliProcess.RunAsync(runtime.Path, ["enroll", SharedMedia.Path(fixture), "--json"]);

        Assert.Equal(2, code);
        Assert.Contains(words, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("{", stdout, StringComparison.Ordinal);
        string profiles = Path.Combine(runtime.Path, "profiles");
        Assert.True(!Directory.Exists(profiles) || Directory.GetFileSystemEntries(profiles).Length == 0);
    }

    [Fact]
    public async Task Enroll_MissingFile_Exit2SaysWhatToDo()
    {
        using var runtime = new TempDirectory();

        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["enroll", "/nonexistent/video.mp4"]);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
