namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>A frame the full model ran on: its index and its working-size RGB and alpha.</summary>
internal sealed record KeyFrame(int Index, byte[] Rgb, float[] Alpha)
{
    /// <summary>What the model run cost, as a share of a reference run (<see cref="ModelRegion.Cost"/>).</summary>
    public double Cost { get; init; } = 1;
}
