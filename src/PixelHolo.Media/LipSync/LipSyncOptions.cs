using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.LipSync;

/// <summary>The example-based lip-sync engine (section "LipSync"): what enrollment learns and how rendering searches.</summary>
public sealed class LipSyncOptions
{
    public const string SectionName = "LipSync";

    /// <value>Appearance coefficients per mouth image (PCA), 4 to 32. Default 10.</value>
    [Range(4, 32)]
    public int Components { get; set; } = 10;

    /// <value>Ridge penalty of the audio → mouth mapping, 1 to 1e6. Default 3000.</value>
    [Range(1.0, 1e6)]
    public double RidgeAlpha { get; set; } = 3000;

    /// <value>Candidate frames per output frame in the search, 5 to 200. Default 40.</value>
    [Range(5, 200)]
    public int TopK { get; set; } = 40;

    /// <value>Fixed cost of a jump to a frame that does not follow, 0 to 100. Default 1.5.</value>
    [Range(0.0, 100.0)]
    public float JumpPenalty { get; set; } = 1.5f;

    /// <value>Cost per unit of visual distance at a jump, 0 to 100. Default 1.</value>
    [Range(0.0, 100.0)]
    public float JumpWeight { get; set; } = 1f;

    /// <value>Cost of holding a frame or skipping one (time warp), 0 to 100. Default 0.3.</value>
    [Range(0.0, 100.0)]
    public float WarpCost { get; set; } = 0.3f;

    /// <value>Frames the search waits before deciding one (fixed-lag Viterbi), 1 to 25. Default 5.</value>
    [Range(1, 25)]
    public int SearchLag { get; set; } = 5;

    /// <value>How many 10 ms hops the enrolled voice's statistics weigh against the speaking voice's own when normalising its
    /// features, 0 (no adaptation) to 100000. Default 300 (3 s).</value>
    [Range(0, 100_000)]
    public int VoicePriorHops { get; set; } = 300;

    /// <value>Frames over which the replaced mouth fades in at speech and out in pauses, 1 to 12. Default 3.</value>
    [Range(1, 12)]
    public int MouthFadeFrames { get; set; } = 3;

    /// <value>Faces are detected on every n-th frame at enrollment (the track is interpolated between), 1 to 10. Default 2.</value>
    [Range(1, 10)]
    public int DetectEvery { get; set; } = 2;
}
