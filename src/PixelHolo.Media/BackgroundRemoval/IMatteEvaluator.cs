namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Measures the fast matte against the full model on frames that were not key frames.</summary>
public interface IMatteEvaluator
{
    /// <param name="videoPath">A talking-head clip.</param>
    /// <param name="frames">How many non-key frames to compare (each costs one full-model run).</param>
    Task<MatteEvaluation> EvaluateAsync(string videoPath, int frames, CancellationToken cancellationToken = default);
}

/// <summary>Fast path versus full model.</summary>
/// <param name="Iou">Mean intersection over union of the two mattes thresholded at 0.5.</param>
/// <param name="AlphaMae">Mean absolute alpha difference (0..1).</param>
/// <param name="NonBlackBackground">Fraction of the pixels outside the person (our alpha 0, at least
/// <see cref="MatteEvaluation.EdgeGuardPixels"/> px from it) that are not exactly (0, 0, 0) in the decoded matte video.</param>
/// <param name="NonBlackBackgroundStrict">The same over every pixel with alpha 0, edges included (4:2:0 chroma can bleed
/// into the pixel next to the person).</param>
/// <param name="FramesPerSecond">Video frames matted and encoded per second of wall time (whole clip).</param>
/// <param name="EvaluatedFrames">The frame numbers compared.</param>
/// <param name="Summary">The matte run itself.</param>
public sealed record MatteEvaluation(
    double Iou,
    double AlphaMae,
    double NonBlackBackground,
    double NonBlackBackgroundStrict,
    double FramesPerSecond,
    IReadOnlyList<int> EvaluatedFrames,
    MatteSummary Summary)
{
    /// <summary>Distance from the person's outline below which a pixel is not counted as background.</summary>
    public const int EdgeGuardPixels = 2;
}
