namespace PixelHolo.Inference.FaceDetection;

/// <summary>How a frame was fitted into the square model input: scaled by <see cref="Scale"/>, keeping its
/// aspect ratio, and centred with black bars of <see cref="PadX"/> and <see cref="PadY"/> input pixels.</summary>
internal readonly record struct Letterbox(int InputSize, float Scale, int PadX, int PadY, int ScaledWidth, int ScaledHeight)
{
    public static Letterbox For(int width, int height, int inputSize)
    {
        float scale = inputSize / (float)Math.Max(width, height);
        int scaledWidth = Math.Clamp((int)MathF.Round(width * scale), 1, inputSize);
        int scaledHeight = Math.Clamp((int)MathF.Round(height * scale), 1, inputSize);
        return new Letterbox(inputSize, scale, (inputSize - scaledWidth) / 2, (inputSize - scaledHeight) / 2, scaledWidth, scaledHeight);
    }

    /// <summary>Frame pixel x of a model coordinate given as a fraction (0..1) of the input width.</summary>
    public float ToFrameX(float normalized) => ((normalized * InputSize) - PadX) / Scale;

    public float ToFrameY(float normalized) => ((normalized * InputSize) - PadY) / Scale;

    /// <summary>Writes the frame into <paramref name="tensor"/> (NHWC, RGB in [-1, 1]); bars are black (-1).
    /// Shrinking averages every source pixel under an input pixel (no aliasing on 1280×720 → 128);
    /// enlarging samples bilinearly.</summary>
    public void Fill(ReadOnlySpan<byte> rgb24, int width, int height, Span<float> tensor)
    {
        tensor[..(InputSize * InputSize * 3)].Fill(-1f);
        int scaledWidth = ScaledWidth, scaledHeight = ScaledHeight, left = PadX, top = PadY;
        const float ToUnit = 1f / 127.5f;
        bool shrinking = Scale < 1f;
        for (int oy = 0; oy < scaledHeight; oy++)
        {
            Span<float> row = tensor.Slice(((top + oy) * InputSize + left) * 3, scaledWidth * 3);
            if (shrinking)
            {
                int y0 = Math.Min(height - 1, (int)(oy / Scale));
                int y1 = Math.Clamp((int)((oy + 1) / Scale), y0 + 1, height);
                for (int ox = 0; ox < scaledWidth; ox++)
                {
                    int x0 = Math.Min(width - 1, (int)(ox / Scale));
                    int x1 = Math.Clamp((int)((ox + 1) / Scale), x0 + 1, width);
                    int r = 0, g = 0, b = 0;
                    for (int y = y0; y < y1; y++)
                    {
                        ReadOnlySpan<byte> source = rgb24.Slice(((y * width) + x0) * 3, (x1 - x0) * 3);
                        for (int i = 0; i < source.Length; i += 3)
                        {
                            r += source[i];
                            g += source[i + 1];
                            b += source[i + 2];
                        }
                    }
                    float unit = ToUnit / ((y1 - y0) * (x1 - x0));
                    row[ox * 3] = (r * unit) - 1f;
                    row[(ox * 3) + 1] = (g * unit) - 1f;
                    row[(ox * 3) + 2] = (b * unit) - 1f;
                }
            }
            else
            {
                float sy = Math.Clamp(((oy + 0.5f) / Scale) - 0.5f, 0f, height - 1);
                int y0 = (int)sy, y1 = Math.Min(y0 + 1, height - 1);
                float fy = sy - y0;
                for (int ox = 0; ox < scaledWidth; ox++)
                {
                    float sx = Math.Clamp(((ox + 0.5f) / Scale) - 0.5f, 0f, width - 1);
                    int x0 = (int)sx, x1 = Math.Min(x0 + 1, width - 1);
                    float fx = sx - x0;
                    for (int c = 0; c < 3; c++)
                    {
                        float top0 = rgb24[((y0 * width) + x0) * 3 + c] + ((rgb24[((y0 * width) + x1) * 3 + c] - rgb24[((y0 * width) + x0) * 3 + c]) * fx);
                        float bottom = rgb24[((y1 * width) + x0) * 3 + c] + ((rgb24[((y1 * width) + x1) * 3 + c] - rgb24[((y1 * width) + x0) * 3 + c]) * fx);
                        row[(ox * 3) + c] = ((top0 + ((bottom - top0) * fy)) * ToUnit) - 1f;
                    }
                }
            }
        }
    }
}
