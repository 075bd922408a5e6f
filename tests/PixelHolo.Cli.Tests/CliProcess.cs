using System.Diagnostics;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests;

/// <summary>The real <c>pixelholo</c> program (the built pixelholo.dll beside the tests), run through the one test process
/// runner, <see cref="TestProcess"/>.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pixelholo.dll");

    /// <summary>pixelholo with its runtime folder, the packaged models and the settings every command test shares.</summary>
    public static ProcessStartInfo StartInfo(string runtimeDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        ProcessStartInfo info = TestProcess.Info("dotnet", [Dll, .. arguments]);
        info.Environment["PIXELHOLO_RUNTIME_DIR"] = runtimeDirectory;
        info.Environment["PIXELHOLO_Runtime__ModelsDirectory"] = RepoPaths.ModelsDirectory;
        info.Environment["PIXELHOLO_Enrollment__Picture"] = "plain"; // the matte has its own tests; these test the commands
        info.Environment["PIXELHOLO_Llm__AutoStart"] = "false";
        info.Environment["PIXELHOLO_Inference__Device"] = "cpu";
        // A hang guard only: pocketsphinx takes far longer than its 2 min default on a loaded shared machine.
        info.Environment["PIXELHOLO_SpeechToText__Timeout"] = "00:10:00";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) { info.Environment[key] = value; }
        return info;
    }

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string runtimeDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? stdin = null, TimeSpan? timeout = null) =>
        TestProcess.RunAsync(StartInfo(runtimeDirectory, arguments, environment), timeout, stdin);

    /// <summary>A command that needs no runtime folder (track, mount-sim), run to the end.</summary>
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, params string[] arguments) =>
        TestProcess.RunAsync(TestProcess.Info("dotnet", [Dll, .. arguments]), timeout);

    /// <summary>A long-running command that needs no runtime folder (mount-sim); the caller disposes it.</summary>
    public static TestProcess Start(params string[] arguments) => TestProcess.Start(TestProcess.Info("dotnet", [Dll, .. arguments]));
}
