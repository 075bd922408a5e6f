namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>A 64×64 luma sketch of a frame (each cell averages a 3×3 sample grid), enough to measure motion and camera movement cheaply.</summary>
internal static class MotionThumbnail
{
    public const int Size = 64;

    public static byte[] From(ReadOnlySpan<byte> rgb24, int width, int height)
    {
        var result = new byte[Size * Size];
        for (int ty = 0; ty < Size; ty++)
        {
            for (int tx = 0; tx < Size; tx++)
            {
                float sum = 0;
                for (int sy = 0; sy < 3; sy++)
                {
                    int y = Math.Min(height - 1, (int)(((ty + ((sy + 0.5f) / 3f)) * height) / Size));
                    for (int sx = 0; sx < 3; sx++)
                    {
                        int x = Math.Min(width - 1, (int)(((tx + ((sx + 0.5f) / 3f)) * width) / Size));
                        int j = ((y * width) + x) * 3;
                        sum += (0.299f * rgb24[j]) + (0.587f * rgb24[j + 1]) + (0.114f * rgb24[j + 2]);
                    }
                }
                result[(ty * Size) + tx] = (byte)Math.Clamp((int)MathF.Round(sum / 9f), 0, 255);
            }
        }
        return result;
    }

    /// <summary>Mean absolute luma difference of two thumbnails (0..255).</summary>
    public static double MeanDifference(byte[] a, byte[] b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++) { sum += Math.Abs(a[i] - b[i]); }
        return sum / (double)a.Length;
    }

    /// <summary>Median absolute difference over the frame border (top strip and both side strips, 12 % wide), where the
    /// background usually is: large when the camera moved, small when only the person did.</summary>
    public static double BorderDifference(byte[] a, byte[] b)
    {
        int strip = (int)Math.Ceiling(Size * 0.12);
        var values = new List<int>(Size * strip * 3);
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                bool border = y < strip || ((x < strip || x >= Size - strip) && y < Size * 2 / 3);
                if (border) { values.Add(Math.Abs(a[(y * Size) + x] - b[(y * Size) + x])); }
            }
        }
        values.Sort();
        return values[values.Count / 2];
    }
}
