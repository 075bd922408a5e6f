using System.Diagnostics;
using System.Text;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary>The real <c>pixelholo</c> program (the built pixelholo.dll beside the tests) as a separate process.</summary>
internal sealed class PixelHoloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    private PixelHoloProcess(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pixelholo.dll"));
        foreach (string a in arguments) { info.ArgumentList.Add(a); }
        info.Environment["PIXELHOLO_Inference__Device"] = "cpu";
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet pixelholo.dll.");
        _reading = Task.WhenAll(Pump(_process.StandardOutput, _stdout), Pump(_process.StandardError, _stderr));
    }

    public string StdOut { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StdErr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static PixelHoloProcess Start(params string[] arguments) => new(arguments);

    /// <summary>Runs to the end and returns the exit code; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var run = new PixelHoloProcess(arguments);
        int code = await run.WaitAsync(timeout);
        return (code, run.StdOut, run.StdErr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"pixelholo ran longer than {timeout.TotalSeconds} s. stdout: {StdOut} stderr: {StdErr}");
        }
        await _reading;
        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!StdOut.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) { Assert.Fail($"pixelholo exited ({_process.ExitCode}) before printing '{text}'. stdout: {StdOut} stderr: {StdErr}"); }
            try { await Task.Delay(50, cts.Token); }
            catch (OperationCanceledException) { Assert.Fail($"pixelholo did not print '{text}' within {timeout.TotalSeconds} s. stdout: {StdOut} stderr: {StdErr}"); }
        }
    }

    /// <summary>Asks the program to stop with SIGTERM, as systemd or Ctrl+C would (a child of a non-interactive
    /// process inherits SIGINT ignored, so SIGTERM is the signal that reaches it here).</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(); }
        _process.Dispose();
    }

    private static async Task Pump(StreamReader reader, StringBuilder target)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (target) { target.AppendLine(line); }
        }
    }
}
