namespace PixelHolo.Tracking.Preview;

/// <summary>Draws boxes and lines on a packed RGB24 frame (for the preview video).</summary>
internal static class FrameCanvas
{
    public static void Rectangle(Span<byte> rgb, int width, int height, int x, int y, int w, int h, Rgb color, int thickness = 2)
    {
        FillRect(rgb, width, height, x, y, w, thickness, color);
        FillRect(rgb, width, height, x, y + h - thickness, w, thickness, color);
        FillRect(rgb, width, height, x, y, thickness, h, color);
        FillRect(rgb, width, height, x + w - thickness, y, thickness, h, color);
    }

    public static void FillRect(Span<byte> rgb, int width, int height, int x, int y, int w, int h, Rgb color)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y), x1 = Math.Min(width, x + w), y1 = Math.Min(height, y + h);
        for (int row = y0; row < y1; row++)
        {
            for (int col = x0; col < x1; col++)
            {
                int i = ((row * width) + col) * 3;
                rgb[i] = color.R;
                rgb[i + 1] = color.G;
                rgb[i + 2] = color.B;
            }
        }
    }

    /// <summary>A thick line from (x0, y0) to (x1, y1) with a square dot at its end (an arrow head, roughly).</summary>
    public static void Line(Span<byte> rgb, int width, int height, int x0, int y0, int x1, int y1, Rgb color, int thickness = 3)
    {
        int steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        for (int s = 0; s <= steps; s++)
        {
            int x = steps == 0 ? x0 : x0 + ((x1 - x0) * s / steps);
            int y = steps == 0 ? y0 : y0 + ((y1 - y0) * s / steps);
            FillRect(rgb, width, height, x - (thickness / 2), y - (thickness / 2), thickness, thickness, color);
        }
        FillRect(rgb, width, height, x1 - (thickness * 2), y1 - (thickness * 2), thickness * 4, thickness * 4, color);
    }
}

internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Green { get; } = new(0, 230, 0);

    public static Rgb Gray { get; } = new(150, 150, 150);

    public static Rgb Yellow { get; } = new(255, 210, 0);

    public static Rgb Red { get; } = new(255, 40, 40);
}
