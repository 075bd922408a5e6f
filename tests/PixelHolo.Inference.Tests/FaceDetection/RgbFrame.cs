using PixelHolo.TestSupport;

namespace PixelHolo.Inference.Tests.FaceDetection;

/// <summary>A real frame decoded to packed RGB24 by ffmpeg.</summary>
internal sealed record RgbFrame(byte[] Pixels, int Width, int Height)
{
    /// <summary>Decodes the first frame at <paramref name="seconds"/> of a media file (video or image), optionally through a filter.</summary>
    public static async Task<RgbFrame> ReadAsync(string path, int width, int height, double seconds = 0, string? filter = null)
    {
        using var temp = new TempDirectory("blazeface");
        string raw = temp.File("frame.rgb");
        var arguments = new List<string>();
        if (seconds > 0) { arguments.AddRange(["-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]); }
        arguments.AddRange(["-i", path]);
        if (filter is not null) { arguments.AddRange(["-vf", filter]); }
        arguments.AddRange(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
        await TestProcess.FfmpegAsync([.. arguments]);
        byte[] pixels = await File.ReadAllBytesAsync(raw);
        Assert.Equal(width * height * 3, pixels.Length);
        return new RgbFrame(pixels, width, height);
    }

    /// <summary>Decodes one frame of a complex filter graph over several inputs, e.g. an hstack of two clips.</summary>
    public static async Task<RgbFrame> ReadGraphAsync(string[] inputs, string graph, int width, int height, double seconds)
    {
        using var temp = new TempDirectory("blazeface");
        string raw = temp.File("frame.rgb");
        var arguments = new List<string>();
        foreach (string input in inputs)
        {
            arguments.AddRange(["-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", input]);
        }
        arguments.AddRange(["-filter_complex", graph, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
        await TestProcess.FfmpegAsync([.. arguments]);
        byte[] pixels = await File.ReadAllBytesAsync(raw);
        Assert.Equal(width * height * 3, pixels.Length);
        return new RgbFrame(pixels, width, height);
    }
}
