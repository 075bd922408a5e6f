using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Processes;

/// <summary>Runs a command-line speech tool (espeak-ng, pocketsphinx) as a separate process: arguments through
/// <see cref="ProcessStartInfo.ArgumentList"/> (never a shell), optional UTF-8 stdin, stdout and stderr drained
/// concurrently, the whole process tree killed on cancellation or timeout.</summary>
internal static class ToolProcess
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What a finished tool returned.</summary>
    public sealed record Result(byte[] StandardOutput, string StandardError);

    /// <param name="tool">Name used in messages, e.g. "espeak-ng".</param>
    /// <param name="executable">File name or path to start.</param>
    /// <param name="installHint">How to install the tool, quoted when it is missing.</param>
    /// <param name="started">Called with the process id once it runs (tests use it to see the process die).</param>
    public static async Task<Result> RunAsync(
        string tool, string executable, IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout, string installHint,
        Action<int>? started, CancellationToken cancellationToken)
    {
        using Process process = Start(tool, executable, arguments, standardInput is not null, installHint);
        started?.Invoke(process.Id);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var stdout = new MemoryStream();
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None);
        Task<string> readErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (standardInput is not null)
            {
                try
                {
                    await process.StandardInput.WriteAsync(standardInput.AsMemory(), timeoutSource.Token);
                    await process.StandardInput.FlushAsync(timeoutSource.Token);
                }
                finally
                {
                    process.StandardInput.Close();
                }
            }
            await process.WaitForExitAsync(timeoutSource.Token);
            await Task.WhenAll(copyOut, readErr);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Cancelled, timed out, or the tool died while we wrote to it: never leave it running.
            Kill(process);
            await DrainAsync(copyOut, readErr); // the pipes close with the process; don't leave readers on a disposed buffer
            cancellationToken.ThrowIfCancellationRequested();
            if (timeoutSource.IsCancellationRequested)
            {
                throw new MediaToolException(tool, $"{tool} did not finish within {timeout.TotalSeconds:0.###} s and was stopped. " +
                    "Try shorter input, or raise the timeout setting.");
            }
            await process.WaitForExitAsync(CancellationToken.None);
        }

        if (process.ExitCode != 0)
        {
            string stderr = await readErr;
            throw new MediaToolException(tool, process.ExitCode, arguments, Tail(stderr));
        }
        return new Result(stdout.ToArray(), await readErr);
    }

    /// <summary>Runs a tool that writes a stream on stdout (espeak-ng's WAV) and yields each block as it arrives, so the
    /// caller can use the start of the output while the tool is still working. Leaving the loop early, cancelling or
    /// passing <paramref name="timeout"/> kills the process tree; a non-zero exit throws once the output is read.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamAsync(
        string tool, string executable, IReadOnlyList<string> arguments, string standardInput, TimeSpan timeout, string installHint,
        Action<int>? started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using Process process = Start(tool, executable, arguments, redirectInput: true, installHint);
        started?.Invoke(process.Id);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        Task<string> readErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        Task writeIn = WriteInputAsync(process, standardInput, timeoutSource.Token);
        Stream stdout = process.StandardOutput.BaseStream;
        byte[] buffer = new byte[8192];
        bool finished = false;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await stdout.ReadAsync(buffer, timeoutSource.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new MediaToolException(tool, $"{tool} did not finish within {timeout.TotalSeconds:0.###} s and was stopped. " +
                        "Try shorter input, or raise the timeout setting.");
                }
                if (read == 0) { break; }
                yield return buffer.AsMemory(0, read).ToArray();
            }
            await process.WaitForExitAsync(timeoutSource.Token);
            finished = true;
        }
        finally
        {
            if (!finished) { Kill(process); }
            await DrainAsync(writeIn, readErr);
        }
        if (process.ExitCode != 0)
        {
            throw new MediaToolException(tool, process.ExitCode, arguments, Tail(await readErr));
        }
    }

    private static Process Start(string tool, string executable, IReadOnlyList<string> arguments, bool redirectInput, string installHint)
    {
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = redirectInput ? Utf8NoBom : null,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments) { info.ArgumentList.Add(argument); }
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new ServiceUnavailableException(tool,
                $"{tool} could not be started ('{executable}': {ex.Message}). It is not installed or not on PATH — install it: {installHint}", ex);
        }
        return process;
    }

    private static async Task WriteInputAsync(Process process, string standardInput, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the process: the reader reports why.
        }
        finally
        {
            try { process.StandardInput.Close(); }
            catch (IOException) { } // the tool died first: the reader reports its exit code
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
    }

    private static async Task DrainAsync(Task copyOut, Task<string> readErr)
    {
        try
        {
            await Task.WhenAll(copyOut, readErr);
        }
        catch (IOException)
        {
            // A broken pipe from a killed process: its output is not wanted any more.
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
