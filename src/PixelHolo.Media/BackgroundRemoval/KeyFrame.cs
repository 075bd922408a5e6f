namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>A frame the full model ran on: its index and its working-size RGB and alpha.</summary>
internal sealed record KeyFrame(int Index, byte[] Rgb, float[] Alpha);
