namespace PixelHolo.Core.Errors;

/// <summary>Why an external tool failed.</summary>
public enum ToolFailure
{
    /// <summary>It ran and exited with a non-zero code.</summary>
    Exited,

    /// <summary>It could not be started: not installed, not on PATH, or not executable.</summary>
    NotFound,

    /// <summary>It ran past its time limit and was stopped.</summary>
    TimedOut,

    /// <summary>It stopped reading its input (died mid-stream).</summary>
    BrokenPipe,

    /// <summary>It ran, but its output was unusable (no audio, no video stream…).</summary>
    BadOutput,
}

/// <summary>An external tool (ffmpeg, ffprobe, espeak-ng, pocketsphinx, ollama…) failed. The one exception every process
/// start in PixelHolo raises (through <c>PixelHolo.Processes.ToolRunner</c>): it names the tool, says why, carries the
/// exit code and the tail of its stderr, and the message ends with what to do.</summary>
public sealed class MediaToolException : PixelHoloException
{
    public MediaToolException(string tool, int exitCode, IReadOnlyList<string> arguments, string standardErrorTail, string? fix = null)
        : base(Compose($"{tool} exited with code {exitCode}: {Summarise(standardErrorTail)}", fix))
    {
        Tool = tool;
        Failure = ToolFailure.Exited;
        ExitCode = exitCode;
        Arguments = arguments;
        StandardErrorTail = standardErrorTail;
        Fix = fix ?? "";
    }

    /// <summary>A failure without an exit code: the message already says what is wrong and what to do.</summary>
    public MediaToolException(string tool, string message, Exception? inner = null)
        : this(tool, ToolFailure.BadOutput, message, fix: null, standardErrorTail: "", inner) { }

    /// <param name="message">What went wrong.</param>
    /// <param name="fix">What to do; appended to the message.</param>
    public MediaToolException(string tool, ToolFailure failure, string message, string? fix, string standardErrorTail = "", Exception? inner = null)
        : base(Compose(string.IsNullOrWhiteSpace(standardErrorTail) ? message : $"{message} {Summarise(standardErrorTail)}", fix), inner)
    {
        Tool = tool;
        Failure = failure;
        ExitCode = -1;
        Arguments = [];
        StandardErrorTail = standardErrorTail;
        Fix = fix ?? "";
    }

    public string Tool { get; }

    public ToolFailure Failure { get; }

    /// <summary>The exit code, or -1 where the tool did not exit on its own.</summary>
    public int ExitCode { get; }

    public IReadOnlyList<string> Arguments { get; }

    public string StandardErrorTail { get; }

    /// <summary>What to do about it ("Install it: apt-get install ffmpeg, or set Ffmpeg:FfmpegPath"); empty when the message says it.</summary>
    public string Fix { get; }

    private static string Summarise(string standardErrorTail)
    {
        string trimmed = standardErrorTail.Trim();
        return trimmed.Length == 0 ? "(no error output)" : trimmed;
    }

    private static string Compose(string message, string? fix) =>
        string.IsNullOrWhiteSpace(fix) ? message : $"{message.TrimEnd()} {fix.Trim()}";
}
