namespace PixelHolo.Processes;

/// <summary>One run of an external tool, as data: what to start, with which arguments (never a shell string), how long it
/// may take and what to tell the user when it is missing.</summary>
/// <param name="Tool">Name used in messages and logs, e.g. "ffmpeg" or "espeak-ng".</param>
/// <param name="Executable">File name (looked up on PATH) or path to start, usually from a setting.</param>
/// <param name="Arguments">Arguments, one list item each (passed through <c>ProcessStartInfo.ArgumentList</c>).</param>
public sealed record ToolCommand(string Tool, string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>How to make the tool available, quoted when it cannot be started
    /// (e.g. "Install it (apt-get install ffmpeg) or set Ffmpeg:FfmpegPath.").</summary>
    public string Fix { get; init; } = "";

    /// <summary>Time limit from start to exit; null runs until it exits or is cancelled. A timeout is not a cancellation: it
    /// kills the tool and raises a <see cref="Core.Errors.MediaToolException"/> that names the limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The setting that holds <see cref="Timeout"/>, named in the timeout message (e.g. "Tts:Timeout").</summary>
    public string? TimeoutSetting { get; init; }

    /// <summary>Environment variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Working directory; null keeps ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The command line as one string, for logs and messages only (never executed).</summary>
    public override string ToString() =>
        string.Join(' ', [Executable, .. Arguments.Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)]);
}
