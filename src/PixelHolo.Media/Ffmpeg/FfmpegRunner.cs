using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;

namespace PixelHolo.Media.Ffmpeg;

/// <summary>Runs ffmpeg and ffprobe as processes: arguments as a list, stderr drained concurrently, killed on cancellation,
/// failures carry the exit code and the stderr tail.</summary>
public sealed class FfmpegRunner(IOptions<FfmpegOptions> options)
{
    private const int StderrTailChars = 4000;

    public FfmpegOptions Options => options.Value;

    /// <summary>Runs ffmpeg to completion. Adds -nostdin -hide_banner -loglevel error -y in front.</summary>
    public Task RunFfmpegAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunToEndAsync(Options.FfmpegPath, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments], cancellationToken);

    /// <summary>Runs ffprobe and returns its standard output.</summary>
    public Task<string> RunFfprobeAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunToEndAsync(Options.FfprobePath, ["-hide_banner", "-loglevel", "error", .. arguments], cancellationToken);

    /// <summary>Starts a tool with redirected streams; the caller owns the returned process.</summary>
    public static Process Start(string tool, IReadOnlyList<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments) { info.ArgumentList.Add(argument); }
        try
        {
            return Process.Start(info) ?? throw new MediaToolException(tool, $"Could not start {tool}.");
        }
        catch (Win32Exception ex)
        {
            throw new MediaToolException(tool,
                $"{tool} was not found or could not be started ({ex.Message}). Install it (apt-get install ffmpeg) or set Ffmpeg:FfmpegPath / Ffmpeg:FfprobePath.", ex);
        }
    }

    /// <summary>Collects stderr in the background, keeping only the tail.</summary>
    public static Task<string> DrainStandardErrorAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Task.Run(async () =>
        {
            var tail = new StringBuilder();
            char[] buffer = new char[4096];
            int read;
            while ((read = await process.StandardError.ReadAsync(buffer)) > 0)
            {
                tail.Append(buffer, 0, read);
                if (tail.Length > StderrTailChars * 2) { tail.Remove(0, tail.Length - StderrTailChars); }
            }
            return tail.Length > StderrTailChars ? tail.ToString(tail.Length - StderrTailChars, StderrTailChars) : tail.ToString();
        });
    }

    /// <summary>Waits for exit; on cancellation kills the whole tree so no ffmpeg is left writing. Throws on a non-zero exit.</summary>
    public static async Task WaitForSuccessAsync(Process process, string tool, IReadOnlyList<string> arguments, Task<string> stderrTail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new MediaToolException(tool, process.ExitCode, arguments, await stderrTail);
        }
    }

    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }
    }

    private static async Task<string> RunToEndAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using Process process = Start(tool, arguments, redirectInput: false);
        Task<string> stderr = DrainStandardErrorAsync(process);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await WaitForSuccessAsync(process, tool, arguments, stderr, cancellationToken);
        return await stdout;
    }
}
