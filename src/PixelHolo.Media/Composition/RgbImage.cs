using SkiaSharp;

namespace PixelHolo.Media.Composition;

/// <summary>A decoded picture as packed RGBA (Skia's native 32-bit layout), with JPEG decode and encode through Skia
/// (libjpeg-turbo inside, so a 720p frame decodes in a few milliseconds).</summary>
internal sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        if (rgba.Length != width * height * 4) { throw new ArgumentException($"Expected {width * height * 4} bytes for {width}x{height} RGBA, got {rgba.Length}.", nameof(rgba)); }
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Rgba { get; }

    public static RgbImage DecodeJpeg(ReadOnlySpan<byte> jpeg, string what)
    {
        using var data = SKData.CreateCopy(jpeg);
        using SKCodec? codec = SKCodec.Create(data) ?? throw new InvalidDataException($"{what} is not a readable JPEG; delete the profile and upload the clip again.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKCodecResult result = codec.GetPixels(info, out byte[] rgba);
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidDataException($"{what} could not be decoded ({result}); delete the profile and upload the clip again.");
        }
        return new RgbImage(info.Width, info.Height, rgba);
    }

    public static RgbImage FromRgb24(ReadOnlySpan<byte> rgb24, int width, int height)
    {
        byte[] rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < width * height; i++, j += 3)
        {
            rgba[i * 4] = rgb24[j];
            rgba[(i * 4) + 1] = rgb24[j + 1];
            rgba[(i * 4) + 2] = rgb24[j + 2];
            rgba[(i * 4) + 3] = 255;
        }
        return new RgbImage(width, height, rgba);
    }

    public byte[] EncodeJpeg(int quality)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using SKImage image = SKImage.FromPixelCopy(info, Rgba, info.RowBytes)
            ?? throw new InvalidOperationException($"Skia could not wrap a {Width}x{Height} picture.");
        using SKData encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException($"Skia could not encode a {Width}x{Height} JPEG.");
        return encoded.ToArray();
    }

    /// <summary>(1 - w) × a + w × b, both the same size.</summary>
    public static RgbImage Blend(RgbImage a, RgbImage b, double weight)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height) { throw new ArgumentException($"Cannot blend {a.Width}x{a.Height} with {b.Width}x{b.Height}.", nameof(b)); }
        int w = (int)Math.Round(Math.Clamp(weight, 0, 1) * 256);
        byte[] result = new byte[a.Rgba.Length];
        byte[] pa = a.Rgba;
        byte[] pb = b.Rgba;
        for (int i = 0; i < result.Length; i++) { result[i] = (byte)(((pa[i] * (256 - w)) + (pb[i] * w) + 128) >> 8); }
        return new RgbImage(a.Width, a.Height, result);
    }

    /// <summary>Mean luma (0..255) of one pixel, for analysis.</summary>
    public float Luma(int x, int y)
    {
        int i = ((y * Width) + x) * 4;
        return (0.299f * Rgba[i]) + (0.587f * Rgba[i + 1]) + (0.114f * Rgba[i + 2]);
    }
}
