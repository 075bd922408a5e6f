using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Tests.Ffmpeg;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

/// <summary>Checks on decoded matte videos; a failing frame is saved for a human.</summary>
internal static class MatteAssert
{
    public static async Task<List<VideoFrame>> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        var frames = new List<VideoFrame>();
        await foreach (VideoFrame f in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(path), cancellationToken)) { frames.Add(f); }
        return frames;
    }

    /// <summary>Every decoded frame: a 24×24 block in each corner is exactly (0,0,0); the centre 20 % box has a clearly lit mean.</summary>
    public static async Task BlackCornersAndLitCentreAsync(List<VideoFrame> frames, string what)
    {
        foreach (VideoFrame frame in frames)
        {
            int w = frame.Width, h = frame.Height;
            int nonBlack = 0;
            foreach ((int x0, int y0) in new[] { (0, 0), (w - 24, 0), (0, h - 24), (w - 24, h - 24) })
            {
                for (int y = y0; y < y0 + 24; y++)
                {
                    for (int x = x0; x < x0 + 24; x++)
                    {
                        int j = ((y * w) + x) * 3;
                        if ((frame.Rgb24[j] | frame.Rgb24[j + 1] | frame.Rgb24[j + 2]) != 0) { nonBlack++; }
                    }
                }
            }
            long sum = 0, count = 0;
            for (int y = h * 2 / 5; y < h * 3 / 5; y++)
            {
                for (int x = w * 2 / 5; x < w * 3 / 5; x++) { sum += frame.Rgb24[((y * w) + x) * 3]; count++; }
            }
            if (nonBlack > 0 || sum / (double)count < 40)
            {
                string saved = Path.Combine(Path.GetTempPath(), $"matte-failure-{Guid.NewGuid():N}.rgb");
                await File.WriteAllBytesAsync(saved, frame.Rgb24);
                Assert.Fail($"{what} frame {frame.Index}: {nonBlack} non-black corner pixels, centre mean red {sum / (double)count:F0}. " +
                    $"Frame saved as raw RGB24 {w}x{h} at {saved}.");
            }
        }
    }
}
