namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Person × alpha over pure black. Alpha 0 gives exactly (0, 0, 0), whatever the source pixel was. In the edge band
/// (0 &lt; alpha &lt; 1) the background's share is taken out: a pixel there is I = α·F + (1 − α)·B, so the premultiplied person
/// is α·F = I − (1 − α)·B with B from the background plate or the local background (<see cref="BackgroundEstimate"/>); shown
/// over black, the edge keeps the person's colour instead of a halo of the wall's.</summary>
internal static class MatteCompositor
{
    public static void Composite(ReadOnlySpan<byte> rgb24, ReadOnlySpan<float> alpha, Span<byte> output) =>
        Composite(rgb24, alpha, output, width: alpha.Length, background: null, factor: 1);

    /// <param name="rgb24">The frame at source size.</param>
    /// <param name="alpha">Its matte at source size.</param>
    /// <param name="output">Premultiplied RGB24 at source size.</param>
    /// <param name="width">Source width.</param>
    /// <param name="background">Background behind the edge pixels at working size; null = no decontamination.</param>
    /// <param name="factor">Source size ÷ working size.</param>
    public static void Composite(ReadOnlySpan<byte> rgb24, ReadOnlySpan<float> alpha, Span<byte> output, int width, BackgroundEstimate? background, int factor)
    {
        ReadOnlySpan<float> plate = background is null ? default : background.Rgb;
        ReadOnlySpan<bool> known = background is null ? default : background.Known;
        int workWidth = background?.Width ?? 0, workHeight = background?.Height ?? 0;
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
            if (a < 1f && background is not null)
            {
                int w = (Math.Min((i / width) / factor, workHeight - 1) * workWidth) + Math.Min((i % width) / factor, workWidth - 1);
                if (known[w])
                {
                    float keep = 1 - a, top = (255f * a) + 0.5f;
                    output[j] = (byte)Math.Clamp(rgb24[j] - (keep * plate[w * 3]) + 0.5f, 0f, top);
                    output[j + 1] = (byte)Math.Clamp(rgb24[j + 1] - (keep * plate[(w * 3) + 1]) + 0.5f, 0f, top);
                    output[j + 2] = (byte)Math.Clamp(rgb24[j + 2] - (keep * plate[(w * 3) + 2]) + 0.5f, 0f, top);
                    continue;
                }
            }
            output[j] = (byte)((rgb24[j] * a) + 0.5f);
            output[j + 1] = (byte)((rgb24[j + 1] * a) + 0.5f);
            output[j + 2] = (byte)((rgb24[j + 2] * a) + 0.5f);
        }
    }
}
