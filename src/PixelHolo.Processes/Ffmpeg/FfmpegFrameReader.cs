using System.Globalization;
using System.Runtime.CompilerServices;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;

namespace PixelHolo.Processes.Ffmpeg;

/// <summary>What to decode: the input, an optional output size and rate, looping, and extra input options (e.g. -f v4l2).</summary>
/// <param name="Input">File, device or URL.</param>
/// <param name="Width">Output width; 0 with <paramref name="Height"/> 0 keeps the source size (after rotation).</param>
/// <param name="Height">Output height.</param>
/// <param name="FramesPerSecond">Output rate; 0 keeps the source rate.</param>
/// <param name="Loop">Loop a file input forever.</param>
/// <param name="InputOptions">Options placed before -i (e.g. ["-f", "v4l2", "-video_size", "640x480"]).</param>
/// <param name="Filter">Extra video filter applied before scaling (e.g. a crop).</param>
/// <param name="Start">Seek before decoding.</param>
/// <param name="MaxFrames">Stop after this many frames; 0 = all.</param>
public sealed record FrameReadRequest(
    string Input,
    int Width = 0,
    int Height = 0,
    double FramesPerSecond = 0,
    bool Loop = false,
    IReadOnlyList<string>? InputOptions = null,
    string? Filter = null,
    TimeSpan? Start = null,
    int MaxFrames = 0);

/// <summary>Decodes video to raw RGB24 frames through an ffmpeg pipe. Leaving the <c>await foreach</c> stops ffmpeg.</summary>
public sealed class FfmpegFrameReader(FfmpegRunner runner, MediaProbe probe)
{
    public async IAsyncEnumerable<VideoFrame> ReadAsync(FrameReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        (int width, int height, double fps) = await ResolveGeometryAsync(request, cancellationToken);
        List<string> arguments = BuildArguments(request, width, height);
        int frameBytes = checked(width * height * 3);

        await using RunningTool ffmpeg = runner.StartFfmpeg(arguments, ToolPipes.Output);
        Stream stdout = ffmpeg.StandardOutput;
        int index = 0;
        bool reachedEnd = false;
        try
        {
            while (request.MaxFrames == 0 || index < request.MaxFrames)
            {
                byte[] buffer = new byte[frameBytes];
                int filled = await stdout.ReadAtLeastAsync(buffer, frameBytes, throwOnEndOfStream: false, cancellationToken);
                if (filled < frameBytes) { break; }
                yield return new VideoFrame(index, TimeSpan.FromSeconds(index / fps), width, height, buffer);
                index++;
            }
            reachedEnd = true;
        }
        finally
        {
            // The consumer left early or cancelled: stop ffmpeg rather than leave it blocked on a full pipe.
            if (!reachedEnd) { await ffmpeg.StopAsync(); }
        }
        await ffmpeg.WaitForSuccessAsync(cancellationToken);
    }

    internal static List<string> BuildArguments(FrameReadRequest request, int width, int height)
    {
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error" };
        if (request.Loop) { arguments.AddRange(["-stream_loop", "-1"]); }
        if (request.Start is { } start && start > TimeSpan.Zero) { arguments.AddRange(["-ss", start.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)]); }
        if (request.InputOptions is { } inputOptions) { arguments.AddRange(inputOptions); }
        arguments.AddRange(["-i", request.Input, "-an", "-sn"]);
        var filters = new List<string>();
        if (!string.IsNullOrEmpty(request.Filter)) { filters.Add(request.Filter); }
        if (request.FramesPerSecond > 0) { filters.Add(FormattableString.Invariant($"fps={request.FramesPerSecond:0.###}")); }
        filters.Add(FormattableString.Invariant($"scale={width}:{height}:flags=bilinear"));
        arguments.AddRange(["-vf", string.Join(',', filters)]);
        if (request.MaxFrames > 0) { arguments.AddRange(["-frames:v", request.MaxFrames.ToString(CultureInfo.InvariantCulture)]); }
        arguments.AddRange(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }

    private async Task<(int Width, int Height, double Fps)> ResolveGeometryAsync(FrameReadRequest request, CancellationToken cancellationToken)
    {
        if (request.Width > 0 && request.Height > 0 && request.FramesPerSecond > 0)
        {
            return (request.Width, request.Height, request.FramesPerSecond);
        }
        MediaInfo info = await probe.ProbeAsync(request.Input, cancellationToken);
        VideoStreamInfo video = info.Video ?? throw new MediaToolException("ffmpeg", $"'{request.Input}' has no video stream ({info.Describe()}).");
        int width = request.Width > 0 ? request.Width : video.DisplayWidth;
        int height = request.Height > 0 ? request.Height : video.DisplayHeight;
        double fps = request.FramesPerSecond > 0 ? request.FramesPerSecond : (video.FramesPerSecond > 0 ? video.FramesPerSecond : 25);
        return (width, height, fps);
    }
}
