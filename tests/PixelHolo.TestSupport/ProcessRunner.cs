using System.Diagnostics;

namespace PixelHolo.TestSupport;

/// <summary>Runs a real tool (ffmpeg, socat) for test set-up and returns its exit code and output.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null, UseShellExecute = false,
        };
        foreach (string a in arguments) { info.ArgumentList.Add(a); }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} ran longer than {timeout}.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs ffmpeg quietly and fails the test with its stderr on error.</summary>
    public static async Task FfmpegAsync(params string[] arguments)
    {
        var (code, _, err) = await RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);
        if (code != 0) { throw new InvalidOperationException($"ffmpeg failed ({code}): {err}"); }
    }
}
