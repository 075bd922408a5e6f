using System.Globalization;
using PixelHolo.Core.Media;

namespace PixelHolo.Processes.Ffmpeg;

/// <summary>How raw frames are encoded.</summary>
/// <param name="OutputPath">File to write (written to a temporary name and moved into place on success).</param>
/// <param name="AudioInput">Optional audio file muxed in (its first audio stream), cut to the video's length.</param>
/// <param name="OutputOptions">Encoder options; the default is H.264 yuv420p full-range-safe for black.</param>
public sealed record FrameWriteRequest(string OutputPath, int Width, int Height, double FramesPerSecond, string? AudioInput = null, IReadOnlyList<string>? OutputOptions = null);

/// <summary>Encodes raw RGB24 frames through an ffmpeg pipe. Every frame must match the first's size.</summary>
public sealed class FfmpegFrameWriter : IAsyncDisposable
{
    /// <summary>H.264 that keeps black at exactly 0 after decoding: limited-range BT.601 tagged, so RGB 0 → Y 16 → RGB 0.</summary>
    public static readonly IReadOnlyList<string> DefaultH264Options = H264Encoding.BlackSafe();

    private readonly FrameWriteRequest _request;
    private readonly RunningTool _ffmpeg;
    private readonly List<string> _arguments;
    private readonly string _tempPath;
    private readonly int _frameBytes;
    private bool _completed;
    private bool _disposed;

    public FfmpegFrameWriter(FfmpegRunner runner, FrameWriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _frameBytes = checked(request.Width * request.Height * 3);
        string extension = Path.GetExtension(request.OutputPath);
        _tempPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.OutputPath))!, $".{Guid.NewGuid():N}.tmp{extension}");
        _arguments = BuildArguments(request, _tempPath, runner.Options.Threads);
        _ffmpeg = runner.StartFfmpeg(_arguments, ToolPipes.Input);
    }

    public int FramesWritten { get; private set; }

    internal static List<string> BuildArguments(FrameWriteRequest request, string outputPath, int threads)
    {
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", $"{request.Width}x{request.Height}",
            "-r", request.FramesPerSecond.ToString("0.#####", CultureInfo.InvariantCulture),
            "-i", "pipe:0",
        };
        if (request.AudioInput is { } audio) { arguments.AddRange(["-i", audio, "-map", "0:v:0", "-map", "1:a:0?", "-c:a", "aac", "-b:a", "128k", "-shortest"]); }
        arguments.AddRange(request.OutputOptions ?? DefaultH264Options);
        if (threads > 0) { arguments.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]); }
        arguments.Add(outputPath);
        return arguments;
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> rgb24, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rgb24.Length != _frameBytes)
        {
            throw new ArgumentException(
                $"Frame {FramesWritten} has {rgb24.Length} bytes but {_request.Width}×{_request.Height} RGB24 needs {_frameBytes}.", nameof(rgb24));
        }
        await _ffmpeg.WriteAsync(rgb24, cancellationToken);
        FramesWritten++;
    }

    public Task WriteAsync(VideoFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return WriteAsync(frame.Rgb24, cancellationToken);
    }

    /// <summary>Closes the pipe, waits for ffmpeg and moves the file into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _ffmpeg.CompleteInputAsync(cancellationToken);
        await _ffmpeg.WaitForSuccessAsync(cancellationToken);
        File.Move(_tempPath, _request.OutputPath, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) { return; }
        _disposed = true;
        await _ffmpeg.DisposeAsync();
        if (!_completed && File.Exists(_tempPath)) { File.Delete(_tempPath); }
    }
}
