namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Small, allocation-aware image primitives on planar float images (one value per pixel, row-major).</summary>
internal static class ImageOps
{
    /// <summary>Luma in 0..1 (BT.601 weights) of a packed RGB24 image.</summary>
    public static void ToGray(ReadOnlySpan<byte> rgb24, Span<float> gray)
    {
        int n = gray.Length;
        for (int i = 0, j = 0; i < n; i++, j += 3)
        {
            gray[i] = ((0.299f * rgb24[j]) + (0.587f * rgb24[j + 1]) + (0.114f * rgb24[j + 2])) * (1f / 255f);
        }
    }

    /// <summary>Box-averages a packed RGB24 image by an integer <paramref name="factor"/> (1 copies).</summary>
    public static byte[] DownsampleRgb(ReadOnlySpan<byte> rgb24, int width, int height, int factor, out int outWidth, out int outHeight)
    {
        outWidth = width / factor;
        outHeight = height / factor;
        var result = new byte[outWidth * outHeight * 3];
        if (factor == 1)
        {
            rgb24[..result.Length].CopyTo(result);
            return result;
        }
        int area = factor * factor;
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                int r = 0, g = 0, b = 0;
                for (int dy = 0; dy < factor; dy++)
                {
                    int row = (((y * factor) + dy) * width) + (x * factor);
                    for (int dx = 0; dx < factor; dx++)
                    {
                        int s = (row + dx) * 3;
                        r += rgb24[s];
                        g += rgb24[s + 1];
                        b += rgb24[s + 2];
                    }
                }
                int d = ((y * outWidth) + x) * 3;
                result[d] = (byte)((r + (area / 2)) / area);
                result[d + 1] = (byte)((g + (area / 2)) / area);
                result[d + 2] = (byte)((b + (area / 2)) / area);
            }
        }
        return result;
    }

    /// <summary>Bilinear resize of one plane (pixel centres aligned, edges clamped).</summary>
    /// <summary>Mean of each <paramref name="factor"/> × <paramref name="factor"/> block of <paramref name="source"/> (rows of
    /// <paramref name="width"/>) into <paramref name="result"/> (<paramref name="outWidth"/> × <paramref name="outHeight"/>); a
    /// remainder of rows or columns past the last whole block is left out.</summary>
    public static void BoxShrink(ReadOnlySpan<float> source, int width, int factor, Span<float> result, int outWidth, int outHeight)
    {
        float area = factor * factor;
        for (int y = 0; y < outHeight; y++)
        {
            for (int x = 0; x < outWidth; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < factor; dy++)
                {
                    int row = (((y * factor) + dy) * width) + (x * factor);
                    for (int dx = 0; dx < factor; dx++) { sum += source[row + dx]; }
                }
                result[(y * outWidth) + x] = sum / area;
            }
        }
    }

    public static void ResizeBilinear(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, Span<float> destination, int width, int height)
    {
        float sx = sourceWidth / (float)width;
        float sy = sourceHeight / (float)height;
        Span<int> x0s = width <= 4096 ? stackalloc int[width] : new int[width];
        Span<float> fxs = width <= 4096 ? stackalloc float[width] : new float[width];
        for (int x = 0; x < width; x++)
        {
            float fx = Math.Clamp(((x + 0.5f) * sx) - 0.5f, 0, sourceWidth - 1);
            int x0 = Math.Min((int)fx, sourceWidth - 2 < 0 ? 0 : sourceWidth - 2);
            x0s[x] = x0;
            fxs[x] = sourceWidth == 1 ? 0 : fx - x0;
        }
        for (int y = 0; y < height; y++)
        {
            float fy = Math.Clamp(((y + 0.5f) * sy) - 0.5f, 0, sourceHeight - 1);
            int y0 = Math.Min((int)fy, sourceHeight - 2 < 0 ? 0 : sourceHeight - 2);
            int y1 = Math.Min(y0 + 1, sourceHeight - 1);
            float wy = sourceHeight == 1 ? 0 : fy - y0;
            ReadOnlySpan<float> row0 = source.Slice(y0 * sourceWidth, sourceWidth);
            ReadOnlySpan<float> row1 = source.Slice(y1 * sourceWidth, sourceWidth);
            Span<float> dst = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int x0 = x0s[x];
                int x1 = Math.Min(x0 + 1, sourceWidth - 1);
                float wx = fxs[x];
                float top = row0[x0] + ((row0[x1] - row0[x0]) * wx);
                float bottom = row1[x0] + ((row1[x1] - row1[x0]) * wx);
                dst[x] = top + ((bottom - top) * wy);
            }
        }
    }

    /// <summary>Mean over a (2r+1)² window, clipped at the borders (divides by the pixels actually inside).</summary>
    public static void BoxMean(ReadOnlySpan<float> source, Span<float> destination, int width, int height, int radius, float[] scratch)
    {
        if (radius <= 0)
        {
            source.CopyTo(destination);
            return;
        }
        Span<float> temp = scratch.AsSpan(0, width * height);
        // 1 / (pixels in the window) per column: a multiply per pixel instead of a divide (the divide was half the filter's time).
        var inverse = new double[width];
        for (int x = 0; x < width; x++) { inverse[x] = 1.0 / (Math.Min(x + radius, width - 1) - Math.Max(x - radius, 0) + 1); }
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> src = source.Slice(y * width, width);
            Span<float> dst = temp.Slice(y * width, width);
            double sum = 0;
            int hi = Math.Min(radius, width - 1);
            for (int x = 0; x <= hi; x++) { sum += src[x]; }
            for (int x = 0; x < width; x++)
            {
                int left = x - radius, right = x + radius;
                dst[x] = (float)(sum * inverse[x]);
                if (right + 1 < width) { sum += src[right + 1]; }
                if (left >= 0) { sum -= src[left]; }
            }
        }
        var sums = new double[width];
        int top = Math.Min(radius, height - 1);
        for (int y = 0; y <= top; y++)
        {
            ReadOnlySpan<float> row = temp.Slice(y * width, width);
            for (int x = 0; x < width; x++) { sums[x] += row[x]; }
        }
        for (int y = 0; y < height; y++)
        {
            int up = y - radius, down = y + radius;
            int count = Math.Min(down, height - 1) - Math.Max(up, 0) + 1;
            Span<float> dst = destination.Slice(y * width, width);
            double inv = 1.0 / count;
            for (int x = 0; x < width; x++) { dst[x] = (float)(sums[x] * inv); }
            if (down + 1 < height)
            {
                ReadOnlySpan<float> add = temp.Slice((down + 1) * width, width);
                for (int x = 0; x < width; x++) { sums[x] += add[x]; }
            }
            if (up >= 0)
            {
                ReadOnlySpan<float> remove = temp.Slice(up * width, width);
                for (int x = 0; x < width; x++) { sums[x] -= remove[x]; }
            }
        }
    }

    /// <summary>Binary dilation (square window) of <c>mask &gt; threshold</c>: 1 where any pixel within <paramref name="radius"/> is set.</summary>
    public static void Dilate(ReadOnlySpan<float> mask, float threshold, Span<float> destination, int width, int height, int radius, float[] scratch)
    {
        Binarize(mask, threshold, destination);
        BoxMean(destination, destination, width, height, radius, scratch);
        for (int i = 0; i < destination.Length; i++) { destination[i] = destination[i] > 1e-4f ? 1f : 0f; }
    }

    /// <summary>Binary erosion (square window) of <c>mask &gt; threshold</c>: 1 only where every pixel within <paramref name="radius"/> is set.</summary>
    public static void Erode(ReadOnlySpan<float> mask, float threshold, Span<float> destination, int width, int height, int radius, float[] scratch)
    {
        Binarize(mask, threshold, destination);
        BoxMean(destination, destination, width, height, radius, scratch);
        for (int i = 0; i < destination.Length; i++) { destination[i] = destination[i] > 1 - 1e-4f ? 1f : 0f; }
    }

    private static void Binarize(ReadOnlySpan<float> mask, float threshold, Span<float> destination)
    {
        for (int i = 0; i < mask.Length; i++) { destination[i] = mask[i] > threshold ? 1f : 0f; }
    }
}
