namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>One matted frame as it leaves the fast path. Buffers are reused: valid only until the consumer returns.</summary>
/// <param name="Index">Frame number from 0.</param>
/// <param name="Source">The decoded frame, RGB24 at source size.</param>
/// <param name="Output">Person × alpha over black, RGB24 at source size.</param>
/// <param name="Alpha">Matte at working size (<see cref="MatteGeometry.WorkWidth"/> × <see cref="MatteGeometry.WorkHeight"/>).</param>
/// <param name="Plan">The key-frame plan of the whole run.</param>
/// <param name="Confidence">How well the matte agrees with the frame's own colours, 0..1 (docs/matting.md, "Confidence"; NaN when not measured).</param>
/// <param name="IsKey">True when the full model ran on this frame (planned, between planned keys that disagreed, or asked for by the matte check).</param>
/// <param name="Check">The matte check behind <paramref name="Confidence"/> (its parts); null when not measured.</param>
internal sealed record MatteFrame(int Index, ReadOnlyMemory<byte> Source, ReadOnlyMemory<byte> Output, ReadOnlyMemory<float> Alpha, KeyFramePlan Plan, double Confidence, bool IsKey, MatteConfidence? Check = null);

/// <summary>Source size and the smaller working size the per-frame matte is computed at.</summary>
internal sealed record MatteGeometry(int Width, int Height, int Factor)
{
    public int WorkWidth => Width / Factor;

    public int WorkHeight => Height / Factor;

    public static MatteGeometry For(int width, int height, int workingSize) =>
        new(width, height, Math.Max(1, (int)Math.Ceiling(Math.Max(width, height) / (double)workingSize)));
}

/// <summary>What a fast-path run did and where its time went.</summary>
/// <param name="KeyFrames">Model runs on key frames, the planned ones and those the matte check asked for.</param>
/// <param name="Changes">Frames where the matte check found the background changed (a shot change the detector missed).</param>
internal sealed record MatteRunStats(
    int Frames,
    KeyFramePlan Plan,
    int KeyFrames,
    IReadOnlyList<int> Changes,
    MatteQuality Quality,
    double PlateKnownFraction,
    string ExecutionProvider,
    TimeSpan AnalysisTime,
    TimeSpan ModelTime,
    TimeSpan MatteTime,
    TimeSpan OutputTime)
{
    public TimeSpan Total => AnalysisTime + ModelTime + MatteTime + OutputTime;

    /// <summary>Shot changes: the detector's and the matte check's.</summary>
    public int Cuts => Plan.Cuts.Count + Changes.Count;
}
