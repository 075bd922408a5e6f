namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Person × alpha over pure black. Alpha 0 gives exactly (0, 0, 0), whatever the source pixel was.</summary>
internal static class MatteCompositor
{
    public static void Composite(ReadOnlySpan<byte> rgb24, ReadOnlySpan<float> alpha, Span<byte> output)
    {
        for (int i = 0, j = 0; i < alpha.Length; i++, j += 3)
        {
            float a = alpha[i];
            if (a <= 0f)
            {
                output[j] = 0;
                output[j + 1] = 0;
                output[j + 2] = 0;
                continue;
            }
            output[j] = (byte)((rgb24[j] * a) + 0.5f);
            output[j + 1] = (byte)((rgb24[j + 1] * a) + 0.5f);
            output[j + 2] = (byte)((rgb24[j + 2] * a) + 0.5f);
        }
    }
}
