using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Idle;

/// <summary>Writes the idle loop: frames [start, end) of the matte video, the last frames cross-faded into the frames just
/// before <c>start</c>, so that when the player jumps from the last frame back to the first the motion continues.</summary>
internal sealed class IdleLoopWriter(FfmpegFrameReader reader, FfmpegRunner ffmpeg)
{
    public async Task<int> WriteAsync(
        string matteVideo, int width, int height, double framesPerSecond, int start, int end, int crossFadeFrames,
        IReadOnlyList<string> encoderOptions, string outputPath, CancellationToken cancellationToken)
    {
        if (end - start < 2) { throw new ArgumentException($"A loop needs at least two frames (got {start}..{end}).", nameof(end)); }
        int fade = Math.Min(Math.Min(crossFadeFrames, start), (end - start) / 2);
        int first = start - fade;
        var request = new FrameReadRequest(matteVideo, width, height, framesPerSecond,
            Start: TimeSpan.FromSeconds(first / framesPerSecond), MaxFrames: end - first);
        var preRoll = new List<byte[]>(fade);
        int written = 0;
        var blended = new byte[width * height * 3];
        await using var writer = new FfmpegFrameWriter(ffmpeg, new FrameWriteRequest(outputPath, width, height, framesPerSecond, null, encoderOptions));
        await foreach (VideoFrame frame in reader.ReadAsync(request, cancellationToken))
        {
            if (preRoll.Count < fade) { preRoll.Add(frame.Rgb24); continue; }
            int k = written - (end - start - fade);
            if (k >= 0)
            {
                // Weight rises to just under 1 on the last frame, whose successor (the loop's first frame) follows preRoll[^1].
                float w = (k + 1) / (float)(fade + 1);
                Blend(frame.Rgb24, preRoll[k], w, blended);
                await writer.WriteAsync(blended, cancellationToken);
            }
            else
            {
                await writer.WriteAsync(frame.Rgb24, cancellationToken);
            }
            written++;
        }
        await writer.CompleteAsync(cancellationToken);
        return written;
    }

    internal static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, float weightOfB, Span<byte> output)
    {
        for (int i = 0; i < output.Length; i++) { output[i] = (byte)((a[i] + ((b[i] - a[i]) * weightOfB)) + 0.5f); }
    }
}
