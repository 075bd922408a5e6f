using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Camera;

namespace PixelHolo.Tracking.Tests.Simulation;

/// <summary>A synthetic camera: a window of <see cref="Width"/> × <see cref="Height"/> cut from real, pre-decoded frames
/// at a position the test chooses per frame (e.g. from the simulated mount's angles), at about 30 frames per second.
/// Given a fake clock, each frame moves that clock on by exactly one frame interval instead of waiting, and stamps the
/// frame with it, so rate limits can be checked without the system clock.</summary>
internal sealed class CropCamera(IReadOnlyList<byte[]> sourceFrames, int sourceWidth, int sourceHeight, int width, int height, Func<(int X, int Y)> window,
    FakeTimeProvider? clock = null)
    : ICameraSource
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(33);

    public int Width => width;

    public int Height => height;

    /// <summary>Decodes <paramref name="count"/> frames of a clip from <paramref name="seconds"/>, scaled to the given size.</summary>
    public static async Task<IReadOnlyList<byte[]>> DecodeAsync(string clip, double seconds, int count, int width, int height)
    {
        using var temp = new TempDirectory("crop-camera");
        string raw = temp.File("frames.rgb");
        await TestProcess.FfmpegAsync("-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", clip,
            "-frames:v", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-vf", $"scale={width}:{height}",
            "-an", "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        byte[] all = await File.ReadAllBytesAsync(raw);
        int size = width * height * 3;
        Assert.Equal(count * size, all.Length);
        return [.. Enumerable.Range(0, count).Select(i => all.AsSpan(i * size, size).ToArray())];
    }

    public async IAsyncEnumerable<CameraFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] pixels = new byte[width * height * 3];
        for (long index = 0; ; index++)
        {
            if (clock is null) { await Task.Delay(FrameInterval, cancellationToken); } // pacing like a camera, not synchronisation
            else
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.Advance(FrameInterval);
            }
            (int x, int y) = window();
            x = Math.Clamp(x, 0, sourceWidth - width);
            y = Math.Clamp(y, 0, sourceHeight - height);
            byte[] source = sourceFrames[(int)(index % sourceFrames.Count)];
            for (int row = 0; row < height; row++)
            {
                source.AsSpan((((y + row) * sourceWidth) + x) * 3, width * 3).CopyTo(pixels.AsSpan(row * width * 3));
            }
            yield return new CameraFrame(pixels, width, height, index, ((TimeProvider?)clock ?? TimeProvider.System).GetTimestamp());
        }
    }
}
