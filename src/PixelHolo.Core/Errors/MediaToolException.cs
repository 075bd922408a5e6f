namespace PixelHolo.Core.Errors;

/// <summary>ffmpeg or ffprobe failed. Carries the exit code and the tail of its stderr.</summary>
public sealed class MediaToolException : PixelHoloException
{
    public MediaToolException(string tool, int exitCode, IReadOnlyList<string> arguments, string standardErrorTail)
        : base($"{tool} exited with code {exitCode}: {standardErrorTail.Trim()}")
    {
        Tool = tool;
        ExitCode = exitCode;
        Arguments = arguments;
        StandardErrorTail = standardErrorTail;
    }

    public MediaToolException(string tool, string message, Exception? inner = null)
        : base(message, inner)
    {
        Tool = tool;
        ExitCode = -1;
        Arguments = [];
        StandardErrorTail = "";
    }

    public string Tool { get; }

    public int ExitCode { get; }

    public IReadOnlyList<string> Arguments { get; }

    public string StandardErrorTail { get; }
}
