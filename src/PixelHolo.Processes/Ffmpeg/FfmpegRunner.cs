using Microsoft.Extensions.Options;

namespace PixelHolo.Processes.Ffmpeg;

/// <summary>ffmpeg and ffprobe through the one <see cref="ToolRunner"/>: the configured executables, the common leading flags,
/// and the fix a missing tool names.</summary>
public sealed class FfmpegRunner(IOptions<FfmpegOptions> options, ToolRunner? tools = null)
{
    /// <summary>What a missing ffmpeg or ffprobe tells the user.</summary>
    public const string Fix = "Install it (apt-get install ffmpeg) or set Ffmpeg:FfmpegPath / Ffmpeg:FfprobePath (PIXELHOLO_Ffmpeg__FfmpegPath).";

    private readonly ToolRunner _tools = tools ?? new ToolRunner();

    public FfmpegOptions Options => options.Value;

    /// <summary>The runner every tool starts through (for a Media class that runs another tool, e.g. espeak-ng).</summary>
    public ToolRunner Tools => _tools;

    /// <summary>The ffmpeg command with -nostdin -hide_banner -loglevel error -y in front of <paramref name="arguments"/>.</summary>
    public ToolCommand Ffmpeg(IReadOnlyList<string> arguments) =>
        new("ffmpeg", Options.FfmpegPath, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]) { Fix = Fix };

    /// <summary>The ffprobe command with -hide_banner -loglevel error in front of <paramref name="arguments"/>.</summary>
    public ToolCommand Ffprobe(IReadOnlyList<string> arguments) =>
        new("ffprobe", Options.FfprobePath, ["-hide_banner", "-loglevel", "error", .. arguments]) { Fix = Fix };

    /// <summary>Runs ffmpeg to completion (see <see cref="Ffmpeg"/> for the leading flags).</summary>
    public async Task RunFfmpegAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        await _tools.RunAsync(Ffmpeg(arguments), cancellationToken);

    /// <summary>Runs ffmpeg to completion and returns what it wrote to stdout (e.g. raw PCM to pipe:1).</summary>
    public async Task<byte[]> ReadFfmpegOutputAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        (await _tools.RunAsync(Ffmpeg(arguments), cancellationToken)).StandardOutput;

    /// <summary>Runs ffprobe and returns its standard output.</summary>
    public async Task<string> RunFfprobeAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        (await _tools.RunAsync(Ffprobe(arguments), cancellationToken)).StandardOutputText;

    /// <summary>Starts ffmpeg with exactly <paramref name="arguments"/> (no flags added); the caller owns the process.</summary>
    public RunningTool StartFfmpeg(IReadOnlyList<string> arguments, ToolPipes pipes) =>
        _tools.Start(new ToolCommand("ffmpeg", Options.FfmpegPath, arguments) { Fix = Fix }, pipes);
}
