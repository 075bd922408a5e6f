using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class MatteEncodingTests
{
    private const int Size = 480, Frames = 60;

    /// <summary>A hard case for the encoder: two seconds of real footage cut out by a sharp, moving ellipse, black outside.
    /// With x264's defaults at CRF 18 (and super-black) 13 pixels at least 3 px from the picture decode as RGB 1..n here;
    /// the matte's settings leave none.</summary>
    [Fact]
    public async Task H264Options_SharpMovingCutOut_BackgroundThreePixelsAwayDecodesExactlyBlack()
    {
        using var temp = new TempDirectory();
        string output = temp.File("matte.mp4");
        var fed = new List<byte[]>();
        await foreach (VideoFrame frame in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(
            SharedMedia.Path("videos/long_talking_loop_101s.mp4"), Size, Size, 30, Start: TimeSpan.FromSeconds(2), MaxFrames: Frames)))
        {
            fed.Add(CutOut(frame.Rgb24, fed.Count));
        }
        Assert.Equal(Frames, fed.Count);

        await using (var writer = new FfmpegFrameWriter(FfmpegTools.Runner,
            new FrameWriteRequest(output, Size, Size, 30, OutputOptions: VideoMatter.H264Options(new MattingOptions()))))
        {
            foreach (byte[] frame in fed) { await writer.WriteAsync(frame); }
            await writer.CompleteAsync();
        }

        int index = 0, nonBlack = 0;
        long background = 0;
        await foreach (VideoFrame frame in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(output)))
        {
            bool[] guarded = NearPicture(fed[index++], MatteEvaluation.EdgeGuardPixels);
            for (int i = 0; i < guarded.Length; i++)
            {
                if (guarded[i]) { continue; }
                background++;
                if ((frame.Rgb24[i * 3] | frame.Rgb24[(i * 3) + 1] | frame.Rgb24[(i * 3) + 2]) != 0) { nonBlack++; }
            }
        }
        Assert.Equal(Frames, index);
        Assert.InRange(background, Frames * Size * Size / 4, Frames * Size * Size);
        Assert.Equal(0, nonBlack);
    }

    /// <summary>Keeps the picture inside an ellipse that swings sideways from frame to frame; black elsewhere.</summary>
    private static byte[] CutOut(byte[] rgb, int frame)
    {
        double centreX = 240 + (60 * Math.Sin(frame / 7.0));
        var result = new byte[rgb.Length];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                if (Math.Sqrt(Math.Pow(x - centreX, 2) + Math.Pow((y - 250) * 0.8, 2)) >= 170) { continue; }
                int i = ((y * Size) + x) * 3;
                rgb.AsSpan(i, 3).CopyTo(result.AsSpan(i, 3));
            }
        }
        return result;
    }

    /// <summary>Pixels within <paramref name="radius"/> (square window) of a non-black pixel: the evaluator's edge guard, with
    /// the same <see cref="ImageOps.Dilate"/>.</summary>
    private static bool[] NearPicture(byte[] rgb, int radius)
    {
        var picture = new float[Size * Size];
        for (int i = 0; i < picture.Length; i++) { picture[i] = (rgb[i * 3] | rgb[(i * 3) + 1] | rgb[(i * 3) + 2]) != 0 ? 1f : 0f; }
        var near = new float[picture.Length];
        ImageOps.Dilate(picture, 0f, near, Size, Size, radius, new float[picture.Length]);
        return [.. near.Select(v => v > 0)];
    }
}
