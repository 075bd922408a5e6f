using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PixelHolo.TestSupport;

/// <summary>The one way tests run a real process (ffmpeg for set-up, the <c>pixelholo</c> program, socat's peers): output
/// collected line by line, waits for an output line itself (never a sleep), signals sent as a terminal or systemd would,
/// the whole tree killed when the test ends or a generous limit passes.</summary>
public sealed class TestProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(Regex Pattern, bool Stderr, TaskCompletionSource<Match> Found)> _waiters = [];
    private readonly Lock _lock = new();
    private readonly Task _reading;
    private readonly string _name;

    private TestProcess(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        _name = $"{info.FileName} {string.Join(' ', info.ArgumentList)}";
        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {_name}.");
        _reading = Task.WhenAll(PumpAsync(_process.StandardOutput, _stdout, stderr: false), PumpAsync(_process.StandardError, _stderr, stderr: true));
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StdOut { get { lock (_lock) { return _stdout.ToString(); } } }

    public string StdErr { get { lock (_lock) { return _stderr.ToString(); } } }

    public StreamWriter StandardInput => _process.StandardInput;

    public static ProcessStartInfo Info(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName);
        foreach (string argument in arguments) { info.ArgumentList.Add(argument); }
        return info;
    }

    /// <summary>Starts a process; the caller disposes it (which kills what is still running).</summary>
    public static TestProcess Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new TestProcess(info);
    }

    /// <summary>Runs to the end (stdin written, then closed) and returns the exit code and output; throws
    /// <see cref="TimeoutException"/> with the output after <paramref name="timeout"/> (default 5 min).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(ProcessStartInfo info, TimeSpan? timeout = null, string? stdin = null)
    {
        using TestProcess process = Start(info);
        if (stdin is not null) { await process.StandardInput.WriteAsync(stdin); }
        process.StandardInput.Close();
        int code = await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(5));
        return (code, process.StdOut, process.StdErr);
    }

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, string? stdin = null) =>
        RunAsync(Info(fileName, arguments), timeout, stdin);

    /// <summary>Runs ffmpeg quietly and fails the test with its stderr on error.</summary>
    public static async Task FfmpegAsync(params string[] arguments)
    {
        var (code, _, err) = await RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);
        if (code != 0) { throw new InvalidOperationException($"ffmpeg failed ({code}): {err}"); }
    }

    /// <summary>Completes with the first match of <paramref name="pattern"/> in stdout, as soon as the line that makes it
    /// arrives; throws with the output if the process exits first or <paramref name="timeout"/> passes.</summary>
    public Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout) => WaitForAsync(pattern, stderr: false, timeout);

    /// <summary>Like <see cref="WaitForOutputAsync(Regex, TimeSpan)"/>, on stderr (where progress lines go).</summary>
    public Task<Match> WaitForErrorOutputAsync(Regex pattern, TimeSpan timeout) => WaitForAsync(pattern, stderr: true, timeout);

    private async Task<Match> WaitForAsync(Regex pattern, bool stderr, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        StringBuilder text = stderr ? _stderr : _stdout;
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            Match now = pattern.Match(text.ToString());
            if (now.Success) { return now; }
            _waiters.Add((pattern, stderr, found));
        }
        Task finished = await Task.WhenAny(found.Task, _reading, Task.Delay(timeout));
        if (finished == found.Task) { return await found.Task; }
        lock (_lock)
        {
            Match last = pattern.Match(text.ToString());
            if (last.Success) { return last; }
        }
        string why = finished == _reading ? "exited" : $"ran {timeout.TotalSeconds:0} s";
        throw new TimeoutException($"{_name} {why} without printing /{pattern}/ on {(stderr ? "stderr" : "stdout")}. stdout: {StdOut} stderr: {StdErr}");
    }

    /// <summary>Completes when stdout contains <paramref name="text"/>.</summary>
    public Task<Match> WaitForOutputAsync(string text, TimeSpan timeout) => WaitForOutputAsync(new Regex(Regex.Escape(text)), timeout);

    /// <summary>Sends a signal ("INT", "TERM") to the process, as Ctrl+C, systemd or docker stop would.</summary>
    public async Task SignalAsync(string signal)
    {
        var (code, _, err) = await RunAsync("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30));
        if (code != 0) { throw new InvalidOperationException($"kill -{signal} {_process.Id} failed: {err}"); }
    }

    /// <summary>Waits for the exit and the end of its output; kills the tree and throws with the output after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            await _reading.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_name} ran longer than {timeout.TotalSeconds:0} s. stdout: {StdOut} stderr: {StdErr}");
        }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder target, bool stderr)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            List<(TaskCompletionSource<Match> Found, Match Match)> ready = [];
            lock (_lock)
            {
                target.AppendLine(line);
                if (_waiters.Count == 0) { continue; }
                string text = target.ToString();
                foreach (var waiter in _waiters.Where(w => w.Stderr == stderr).ToList())
                {
                    Match match = waiter.Pattern.Match(text);
                    if (match.Success) { ready.Add((waiter.Found, match)); _waiters.Remove(waiter); }
                }
            }
            foreach (var (found, match) in ready) { found.TrySetResult(match); }
        }
    }
}
