using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PixelHolo.Core.Errors;

namespace PixelHolo.Processes;

/// <summary>The one way PixelHolo starts a process. Arguments are data (<see cref="ProcessStartInfo.ArgumentList"/>, never a
/// shell), stdin/stdout/stderr are always redirected (the tool never reads our terminal), stderr is drained concurrently
/// and its tail quoted in every failure, a time limit is separate from cancellation, and cancel or timeout kill the whole
/// process tree. Every failure is a <see cref="MediaToolException"/> naming the tool and the fix.</summary>
public sealed partial class ToolRunner(TimeProvider? time = null, ILogger<ToolRunner>? logger = null)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Starts a tool; the caller owns (and must dispose) the returned <see cref="RunningTool"/>.</summary>
    /// <exception cref="MediaToolException">The tool cannot be started (<see cref="ToolFailure.NotFound"/>), with <see cref="ToolCommand.Fix"/>.</exception>
    public RunningTool Start(ToolCommand command, ToolPipes pipes = ToolPipes.None)
    {
        ArgumentNullException.ThrowIfNull(command);
        var info = new ProcessStartInfo(command.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = Utf8NoBom,
            CreateNoWindow = true,
        };
        foreach (string argument in command.Arguments) { info.ArgumentList.Add(argument); }
        if (command.WorkingDirectory is { } directory) { info.WorkingDirectory = directory; }
        if (command.Environment is { } environment)
        {
            foreach ((string name, string? value) in environment)
            {
                if (value is null) { info.Environment.Remove(name); }
                else { info.Environment[name] = value; }
            }
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            LogNotFound(_logger, command.Tool, command.Executable, ex.Message);
            throw new MediaToolException(command.Tool, ToolFailure.NotFound,
                $"{command.Tool} could not be started ('{command.Executable}': {ex.Message}); it is not installed, not on PATH or not executable.",
                string.IsNullOrWhiteSpace(command.Fix) ? $"Install {command.Tool} or put it on PATH." : command.Fix, inner: ex);
        }
        LogStarted(_logger, command.Tool, process.Id, command);
        return new RunningTool(process, command, pipes, _time);
    }

    /// <summary>Runs a tool to completion and returns its stdout.</summary>
    public Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default) =>
        RunAsync(command, standardInput: null, started: null, cancellationToken);

    /// <summary>Runs a tool to completion, writing <paramref name="standardInput"/> to it as UTF-8 first.</summary>
    public Task<ToolResult> RunAsync(ToolCommand command, string standardInput, CancellationToken cancellationToken = default) =>
        RunAsync(command, Utf8NoBom.GetBytes(standardInput), started: null, cancellationToken);

    /// <param name="standardInput">Bytes written to stdin (then closed); null closes stdin at once.</param>
    /// <param name="started">Called with the process id once it runs (tests use it to see the process die).</param>
    public async Task<ToolResult> RunAsync(ToolCommand command, ReadOnlyMemory<byte>? standardInput, Action<int>? started, CancellationToken cancellationToken = default)
    {
        await using RunningTool tool = Start(command, standardInput is null ? ToolPipes.Output : ToolPipes.InputAndOutput);
        started?.Invoke(tool.Id);
        using var stdout = new MemoryStream();
        Task copy = tool.StandardOutput.CopyToAsync(stdout, CancellationToken.None);
        try
        {
            if (standardInput is { } input)
            {
                await tool.WriteAsync(input, cancellationToken);
                await tool.CompleteInputAsync(cancellationToken);
            }
            await tool.WaitForSuccessAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await tool.StopAsync();
            await ObserveAsync(copy);
            throw;
        }
        catch (MediaToolException)
        {
            await ObserveAsync(copy);
            throw;
        }
        await copy;
        return new ToolResult(stdout.ToArray(), tool.StandardErrorTail);
    }

    /// <summary>Runs a tool that writes a stream on stdout (espeak-ng's WAV) and yields each block as it arrives, so the
    /// caller can use the start of the output while the tool is still working. Leaving the loop early or cancelling kills
    /// the process tree; the time limit, a non-zero exit or a broken input pipe throw once the output has ended.</summary>
    /// <param name="standardInput">Bytes written to stdin (concurrently with the reading, then closed); null closes stdin at once.</param>
    /// <param name="started">Called with the process id once it runs.</param>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamAsync(
        ToolCommand command, ReadOnlyMemory<byte>? standardInput, Action<int>? started, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using RunningTool tool = Start(command, standardInput is null ? ToolPipes.Output : ToolPipes.InputAndOutput);
        started?.Invoke(tool.Id);
        Task write = standardInput is { } input ? WriteAllAsync(tool, input, cancellationToken) : Task.CompletedTask;
        byte[] buffer = new byte[8192];
        bool ended = false;
        try
        {
            int read;
            while ((read = await ReadAsync(tool.StandardOutput, buffer, cancellationToken)) > 0)
            {
                yield return buffer.AsMemory(0, read).ToArray();
            }
            ended = true;
        }
        finally
        {
            if (!ended)
            {
                // The caller left early, or cancelled: never leave the tool running or its writer unobserved.
                await tool.StopAsync();
                await ObserveAsync(write);
            }
        }
        MediaToolException? writeFailure = null;
        try
        {
            await write;
        }
        catch (MediaToolException ex)
        {
            writeFailure = ex;
        }
        await tool.WaitForSuccessAsync(cancellationToken); // a timeout or a non-zero exit says more than the broken pipe
        if (writeFailure is not null) { throw writeFailure; }
    }

    private static async Task WriteAllAsync(RunningTool tool, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        await tool.WriteAsync(input, cancellationToken);
        await tool.CompleteInputAsync(cancellationToken);
    }

    private static async Task<int> ReadAsync(Stream output, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await output.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            return 0; // the pipe broke with the process (killed at its time limit): the exit status says why
        }
    }

    private static async Task ObserveAsync(Task copy)
    {
        try
        {
            await copy;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or MediaToolException)
        {
            // The pipe broke with the killed process, or the writer was cancelled with it: its result is not wanted any more.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started {Tool} (pid {ProcessId}): {CommandLine}")]
    private static partial void LogStarted(ILogger logger, string tool, int processId, ToolCommand commandLine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tool} could not be started from '{Executable}': {Reason}")]
    private static partial void LogNotFound(ILogger logger, string tool, string executable, string reason);
}
