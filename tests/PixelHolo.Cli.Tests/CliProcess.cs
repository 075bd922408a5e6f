using System.Diagnostics;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests;

/// <summary>Runs the real <c>pixelholo</c> program (the built pixelholo.dll beside the tests) as a process.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "pixelholo.dll");

    public static ProcessStartInfo StartInfo(string runtimeDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (string a in arguments) { info.ArgumentList.Add(a); }
        info.Environment["PIXELHOLO_RUNTIME_DIR"] = runtimeDirectory;
        info.Environment["PIXELHOLO_Runtime__ModelsDirectory"] = RepoPaths.ModelsDirectory;
        info.Environment["PIXELHOLO_Enrollment__Picture"] = "plain"; // the matte has its own tests; these test the commands
        info.Environment["PIXELHOLO_Llm__AutoStart"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) { info.Environment[key] = value; }
        return info;
    }

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string runtimeDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? stdin = null, TimeSpan? timeout = null)
    {
        using Process process = Process.Start(StartInfo(runtimeDirectory, arguments, environment))!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) { await process.StandardInput.WriteAsync(stdin); }
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pixelholo {string.Join(' ', arguments)} did not finish in time. stderr: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
