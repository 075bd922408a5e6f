using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>The boxes around the mouth, sized from the face width (fixed for a profile) and placed on the tracked mouth
/// point: the composite box (mouth, jaw and chin: what is replaced), the appearance box (what the coefficients describe) and
/// the inner-lip box (where the opening is measured: teeth and cavity raise its contrast).</summary>
internal sealed record MouthGeometry(float FaceWidth)
{
    public const int AppearanceWidth = 32;
    public const int AppearanceHeight = 24;

    public int CompositeWidth => Even(0.78f * FaceWidth);

    public int CompositeHeight => Even(0.62f * FaceWidth);

    /// <summary>Composite box centre below the mouth point (the chin is below the mouth).</summary>
    public float CompositeDown => 0.1f * FaceWidth;

    public (int X, int Y) CompositeOrigin(float mouthX, float mouthY) =>
        ((int)MathF.Round(mouthX - (CompositeWidth / 2f)), (int)MathF.Round(mouthY + CompositeDown - (CompositeHeight / 2f)));

    /// <summary>Grey appearance crop (normalised to zero mean, unit deviation), AppearanceWidth × AppearanceHeight.</summary>
    public float[] Appearance(RgbImage image, float mouthX, float mouthY)
    {
        float[] grey = Sample(image, mouthX, mouthY + (0.04f * FaceWidth), 0.55f * FaceWidth, 0.4f * FaceWidth, AppearanceWidth, AppearanceHeight);
        float mean = grey.Average();
        float std = MathF.Sqrt(grey.Select(v => (v - mean) * (v - mean)).Average()) + 1e-3f;
        for (int i = 0; i < grey.Length; i++) { grey[i] = (grey[i] - mean) / std; }
        return grey;
    }

    /// <summary>Grey crop for SSIM (0..255), 48 × 32.</summary>
    public float[] SsimCrop(RgbImage image, float mouthX, float mouthY) =>
        Sample(image, mouthX, mouthY + (0.04f * FaceWidth), 0.55f * FaceWidth, 0.4f * FaceWidth, 48, 32);

    /// <summary>Mouth opening: grey-level standard deviation inside the inner-lip box.</summary>
    public float Opening(RgbImage image, float mouthX, float mouthY)
    {
        float[] grey = Sample(image, mouthX, mouthY, 0.36f * FaceWidth, 0.2f * FaceWidth, 24, 12);
        float mean = grey.Average();
        return MathF.Sqrt(grey.Select(v => (v - mean) * (v - mean)).Average());
    }

    /// <summary>Bilinear grey samples of a box centred on (cx, cy), clamped at the picture's edges.</summary>
    public static float[] Sample(RgbImage image, float cx, float cy, float width, float height, int columns, int rows)
    {
        ArgumentNullException.ThrowIfNull(image);
        float[] result = new float[columns * rows];
        for (int r = 0; r < rows; r++)
        {
            float y = cy - (height / 2) + ((r + 0.5f) * height / rows);
            for (int c = 0; c < columns; c++)
            {
                float x = cx - (width / 2) + ((c + 0.5f) * width / columns);
                result[(r * columns) + c] = Bilinear(image, x, y);
            }
        }
        return result;
    }

    private static float Bilinear(RgbImage image, float x, float y)
    {
        x = Math.Clamp(x, 0, image.Width - 1.001f);
        y = Math.Clamp(y, 0, image.Height - 1.001f);
        int x0 = (int)x;
        int y0 = (int)y;
        float fx = x - x0;
        float fy = y - y0;
        float top = (image.Luma(x0, y0) * (1 - fx)) + (image.Luma(x0 + 1, y0) * fx);
        float bottom = (image.Luma(x0, y0 + 1) * (1 - fx)) + (image.Luma(x0 + 1, y0 + 1) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    private static int Even(float v) => Math.Max(8, 2 * (int)MathF.Round(v / 2));
}
