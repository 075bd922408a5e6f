namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Measures the fast matte against the full model on frames that were not key frames.</summary>
public interface IMatteEvaluator
{
    /// <param name="videoPath">A talking-head clip.</param>
    /// <param name="frames">How many non-key frames to compare (each costs one full-model run); null =
    /// <see cref="MatteEvaluation.DefaultFrames"/> for the clip's length.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task<MatteEvaluation> EvaluateAsync(string videoPath, int? frames = null, CancellationToken cancellationToken = default);
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

    /// <summary>Fewest frames the default evaluation compares (the quality targets are stated on 24 or more).</summary>
    public const int MinimumDefaultFrames = 24;

    /// <summary>Lowest IoU of any evaluated frame (1 when none was evaluated).</summary>
    public double WorstIou { get; init; } = 1;

    /// <summary>The frame with <see cref="WorstIou"/> (−1 when none was evaluated).</summary>
    public int WorstFrame { get; init; } = -1;

    /// <summary>Mean share of the local background's colour in the output's edge pixels, 0..1 (docs/matting.md, "edgeSpill").</summary>
    public double EdgeSpill { get; init; }

    /// <summary>One score per evaluated frame, in frame order.</summary>
    public IReadOnlyList<MatteFrameScore> PerFrame { get; init; } = [];

    /// <summary>Frames compared when none is asked for: 24 per minute of video, at least <see cref="MinimumDefaultFrames"/>,
    /// so every minute of a long clip is covered as densely as a short one.</summary>
    public static int DefaultFrames(int frameCount, double framesPerSecond)
    {
        double minutes = frameCount / Math.Max(1e-6, framesPerSecond) / 60.0;
        return Math.Max(MinimumDefaultFrames, (int)Math.Ceiling(minutes * MinimumDefaultFrames));
    }
}

/// <summary>The fast matte against the full model on one frame.</summary>
/// <param name="Frame">Frame number from 0.</param>
/// <param name="Seconds">Its time in the clip.</param>
/// <param name="Iou">IoU of the two mattes at 0.5.</param>
/// <param name="AlphaMae">Mean absolute alpha difference.</param>
/// <param name="EdgeSpill">Background-colour share of the edge pixels of the decoded output (0..1).</param>
/// <param name="Confidence">The fast path's own confidence for the frame (0..1).</param>
public sealed record MatteFrameScore(int Frame, double Seconds, double Iou, double AlphaMae, double EdgeSpill, double Confidence)
{
    /// <summary>The matte check's parts (docs/matting.md, "Confidence"): colour disagreement near the person.</summary>
    public double ColourDisagreement { get; init; }

    /// <summary>Colour disagreement on the ring along the matte's outline.</summary>
    public double EdgeDisagreement { get; init; }

    /// <summary>Share of the background that no longer matches the plate.</summary>
    public double StaleBackground { get; init; }
}
