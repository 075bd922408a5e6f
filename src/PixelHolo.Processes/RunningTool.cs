using System.Diagnostics;
using PixelHolo.Core.Errors;

namespace PixelHolo.Processes;

/// <summary>A started tool. Owns the process: disposing kills the whole process tree if it still runs, waits for it and
/// drains its pipes, so nothing is left writing and no reader task is left unobserved. Every failure is a
/// <see cref="MediaToolException"/> with the tool's name, the stderr tail and the fix.</summary>
public sealed class RunningTool : IAsyncDisposable
{
    /// <summary>How long, after a tool closed a pipe on us or exited, we wait for its exit and the end of its stderr.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ToolCommand _command;
    private readonly ToolPipes _pipes;
    private readonly TimeProvider _time;
    private readonly StandardErrorTail _stderr;
    private readonly Task _outputDrain;
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenRegistration _timeoutKill;
    private volatile bool _timedOut;
    private bool _disposed;

    internal RunningTool(Process process, ToolCommand command, ToolPipes pipes, TimeProvider time)
    {
        _process = process;
        _command = command;
        _pipes = pipes;
        _time = time;
        _stderr = new StandardErrorTail(process.StandardError);
        _outputDrain = pipes.HasFlag(ToolPipes.Output)
            ? Task.CompletedTask
            : Task.Run(() => DrainAsync(process.StandardOutput.BaseStream));
        if (!pipes.HasFlag(ToolPipes.Input)) { process.StandardInput.Close(); }
        if (command.Timeout is { } limit)
        {
            _timeout = new CancellationTokenSource(limit, time);
            _timeoutKill = _timeout.Token.Register(() =>
            {
                _timedOut = true;
                Kill();
            });
        }
    }

    /// <summary>The process id (tests use it to see the process die).</summary>
    public int Id => _process.Id;

    public ToolCommand Command => _command;

    /// <summary>The tool's stdin; only with <see cref="ToolPipes.Input"/>. Prefer <see cref="WriteAsync"/>, which turns a
    /// broken pipe into a <see cref="MediaToolException"/>.</summary>
    public Stream StandardInput => _pipes.HasFlag(ToolPipes.Input)
        ? _process.StandardInput.BaseStream
        : throw new InvalidOperationException($"{_command.Tool} was started without ToolPipes.Input.");

    /// <summary>The tool's stdout; only with <see cref="ToolPipes.Output"/>.</summary>
    public Stream StandardOutput => _pipes.HasFlag(ToolPipes.Output)
        ? _process.StandardOutput.BaseStream
        : throw new InvalidOperationException($"{_command.Tool} was started without ToolPipes.Output.");

    /// <summary>The last characters of stderr so far.</summary>
    public string StandardErrorTail => _stderr.Current;

    public bool HasExited => _process.HasExited;

    /// <summary>Writes to stdin. A tool that stopped reading (it died, or it rejected its arguments) gives a
    /// <see cref="MediaToolException"/> with its exit code and stderr, not a bare <see cref="IOException"/>.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await StandardInput.WriteAsync(data, cancellationToken);
        }
        catch (IOException ex)
        {
            throw await BrokenPipeAsync(ex);
        }
    }

    /// <summary>Flushes and closes stdin, so the tool sees the end of its input.</summary>
    public async Task CompleteInputAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await StandardInput.FlushAsync(cancellationToken);
            _process.StandardInput.Close();
        }
        catch (IOException ex)
        {
            throw await BrokenPipeAsync(ex);
        }
    }

    /// <summary>Waits for the tool to exit. Cancellation kills the whole process tree, drains the pipes and rethrows;
    /// the time limit, a non-zero exit code or a kill give a <see cref="MediaToolException"/>.</summary>
    public async Task WaitForSuccessAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            throw;
        }
        await SettleAsync();
        if (_timedOut) { throw TimedOut(); }
        if (_process.ExitCode != 0)
        {
            throw new MediaToolException(_command.Tool, _process.ExitCode, _command.Arguments, _stderr.Current);
        }
    }

    /// <summary>Kills the whole process tree now (idempotent; a tool that already exited is left alone).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) { _process.Kill(entireProcessTree: true); }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
    }

    /// <summary>Kills the tree if it still runs, waits for it and drains its pipes.</summary>
    public async Task StopAsync()
    {
        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        await SettleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) { return; }
        _disposed = true;
        await _timeoutKill.DisposeAsync();
        _timeout?.Dispose();
        await StopAsync();
        _process.Dispose();
    }

    private async Task<MediaToolException> BrokenPipeAsync(IOException error)
    {
        // The tool closed its stdin: usually it exited. Give it a moment, so its exit code and stderr say why.
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(SettleTime, _time);
        }
        catch (TimeoutException)
        {
            // Still running but not reading: stop it.
        }
        await StopAsync();
        if (_timedOut) { return TimedOut(); }
        int exitCode = _process.ExitCode;
        return exitCode != 0
            ? new MediaToolException(_command.Tool, exitCode, _command.Arguments, _stderr.Current)
            : new MediaToolException(_command.Tool, ToolFailure.BrokenPipe,
                $"{_command.Tool} stopped reading its input ({error.Message}).", fix: null, _stderr.Current, error);
    }

    private MediaToolException TimedOut()
    {
        string limit = _command.Timeout is { } t ? $"{t.TotalSeconds:0.###} s" : "its time limit";
        string raise = _command.TimeoutSetting is { } setting ? $"raise {setting}" : "raise its timeout";
        return new MediaToolException(_command.Tool, ToolFailure.TimedOut,
            $"{_command.Tool} did not finish within {limit} and was stopped.", $"Try shorter input, or {raise}.", _stderr.Current);
    }

    /// <summary>Waits (bounded) for stderr and an undrained stdout to reach their end, so no reader is left behind. A child
    /// that keeps a pipe open past <see cref="SettleTime"/> is not waited for.</summary>
    private async Task SettleAsync()
    {
        try
        {
            await Task.WhenAll(_stderr.Completion, _outputDrain).WaitAsync(SettleTime, _time);
        }
        catch (TimeoutException)
        {
            // A grandchild holds the pipe; the readers end when it does.
        }
    }

    private static async Task DrainAsync(Stream output)
    {
        try
        {
            await output.CopyToAsync(Stream.Null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process: nothing more to drain.
        }
    }
}
