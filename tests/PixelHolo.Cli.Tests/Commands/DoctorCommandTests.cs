using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the executables are shell scripts
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_ConfiguredExecutableMissing_ChecksThatPathAndNamesTheSetting()
    {
        using var runtime = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["PIXELHOLO_Tts__Executable"] = "/nonexistent/espeak-ng",
            ["PIXELHOLO_Llm__Endpoint"] = "http://127.0.0.1:9", // discard port: nothing answers, quickly
        };

        var (code, stdout, _) = await CliProcess.RunAsync(runtime.Path, ["doctor"], environment);

        Assert.Equal(1, code); // espeak-ng is essential
        Assert.Matches(@"MISSING\s+espeak-ng\s+'/nonexistent/espeak-ng' not found .*Tts:Executable", stdout);
        Assert.Matches(@"ok\s+ffmpeg\s+ffmpeg version", stdout);
    }

    [Fact]
    public async Task Doctor_ConfiguredFfmpegPath_IsTheOneRun()
    {
        using var runtime = new TempDirectory();
        string ffmpeg = runtime.File("my-ffmpeg");
        await File.WriteAllTextAsync(ffmpeg, "#!/bin/sh\necho 'my own ffmpeg build 9.9'\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var environment = new Dictionary<string, string>
        {
            ["PIXELHOLO_Ffmpeg__FfmpegPath"] = ffmpeg,
            ["PIXELHOLO_Llm__Endpoint"] = "http://127.0.0.1:9",
        };

        var (_, stdout, _) = await CliProcess.RunAsync(runtime.Path, ["doctor"], environment);

        Assert.Matches(@"ok\s+ffmpeg\s+my own ffmpeg build 9\.9", stdout);
    }
}
