using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>How the person is cut out of the upload and put on pure black.</summary>
public sealed class MattingOptions
{
    public const string SectionName = "Matting";

    /// <value>ISNet model file; empty = "isnet_medium.onnx" in the models folder (model id isnet-medium). Default empty.</value>
    public string ModelPath { get; set; } = "";

    /// <value>"auto" (every frame through the model on CUDA, key frames on CPU), "keyframes" or "everyframe". Default auto.</value>
    [RegularExpression("^(auto|keyframes|everyframe)$")]
    public string Mode { get; set; } = "auto";

    /// <value>Model runs per minute of video on a static camera (key frames, chosen by motion); at least <see cref="MinKeyFrames"/>
    /// and one per shot.
    /// Each costs ~1.9 s of CPU time (crop at <see cref="KeyFrameScale"/> 0.75, float32 model; 2–15 s wall on 2 shared cores).
    /// Default 20, 1 to 600.</value>
    [Range(1.0, 600.0)]
    public double KeyFramesPerMinute { get; set; } = 20;

    /// <value>On a static camera, at least one key frame per this much motion in each shot (the mean luma change, 0..255, of a
    /// 64 × 64 thumbnail between neighbouring frames, summed over the shot; the matte plan logs the clip's total): a head that moves a
    /// lot gets keys closer together than <see cref="KeyFramesPerMinute"/> gives. Talking heads measure 9–50 per second of video
    /// (GRID 14, long_talking_loop 50), the HDTF clip 117. 0 = off. Default 120, 0 to 100000.</value>
    [Range(0.0, 100000.0)]
    public double MotionPerKeyFrame { get; set; } = 120;

    /// <value>Detail of the full model on key frames: model input pixels per source pixel, as a share of the reference view's
    /// (the whole frame at 1024 × 1024). Key frames are cropped around the person (found by a quick 256 px look), so the
    /// background is not paid for; 0 runs the reference view on every key. Below 1 is faster but ISNet answers a smaller
    /// picture differently (0.75: 0.42–0.56 of the cost, cut-heavy footage IoU 0.956 instead of 0.966). Default 0 (the reference
    /// view): on face_sideways_720p_6s the quick 256 px look found only part of the person and the cropped keys lost the rest
    /// (IoU 0.84 mean, 0.10 worst), so cropping stays opt-in until the locating look is made reliable. 0 to 1.</value>
    [Range(0.0, 1.0)]
    public double KeyFrameScale { get; set; }

    /// <value>Most model input pixels per source pixel on a key frame (each axis): a 360 × 288 source is not blown up 2.8 × 3.6
    /// to ISNet's 1024 × 1024 but run at (360 × 288) × this, rounded up to multiples of 64 (768 × 576: 0.42 of the cost; on GRID
    /// IoU 0.990 mean, 0.988 worst against the reference view, as with 1024²). Sources of 512 px and more are not affected at 2.
    /// 0 = no cap (the reference view). Default 2, 0 to 4.</value>
    [Range(0.0, 4.0)]
    public double KeyFrameMaxUpscale { get; set; } = 2;

    /// <value>Agreement (IoU beyond a shift, <see cref="KeyAgreement"/>) below which two neighbouring planned keys of a shot get a
    /// key halfway between them, and so on down each half (three halvings at most, no closer than 2 frames). 0 = off.
    /// Default 0.96, 0 to 1.</value>
    [Range(0.0, 1.0)]
    public double MinKeyAgreement { get; set; } = 0.96;

    /// <value>Keys between disagreeing planned keys (reference runs) per planned key, on top of <see cref="MinExtraKeyFrames"/>,
    /// counted as the clip goes on: by the k-th planned key at most the floor plus k × this. Default 2, 0 to 7.</value>
    [Range(0.0, 7.0)]
    public double MaxRefineKeyFramesPerKey { get; set; } = 2;

    /// <value>Fewest key frames per clip. Default 3, 2 to 100.</value>
    [Range(2, 100)]
    public int MinKeyFrames { get; set; } = 3;

    /// <value>Matte confidence (agreement of the propagated matte with the frame's colours, docs/matting.md) below which the frame
    /// gets a key of its own through the full model; frames still below it after that are reported. Default 0.5, 0 to 1.</value>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.5;

    /// <value>Extra key frames the matte check may ask for per minute of video, on top of <see cref="MinExtraKeyFrames"/>, counted
    /// in reference runs (a key at 768 × 576 counts 0.42) and handed out as the clip goes on (by a frame at t seconds, the floor
    /// plus t / 60 × this); a frame at less than half of <see cref="MinConfidence"/> may use the rest of the clip's budget early.
    /// At most one per <see cref="MovingCameraKeyFrameInterval"/> per segment. Default 30, 0 to 600.</value>
    [Range(0.0, 600.0)]
    public double MaxExtraKeyFramesPerMinute { get; set; } = 30;

    /// <value>Extra key frames (reference runs) every clip may have however short, on top of
    /// <see cref="MaxExtraKeyFramesPerMinute"/>: a 6 s clip would get 3 from the rate alone (face_sideways_720p_6s spent them in
    /// its first 2 s and kept IoU 0.92 at 4 s). 0 together with a rate of 0 turns extra keys off. Default 6, 0 to 100.</value>
    [Range(0.0, 100.0)]
    public double MinExtraKeyFrames { get; set; } = 6;

    /// <value>Take the background's colour out of the edge pixels (premultiplied α·F instead of α·frame). Default true.</value>
    public bool Decontaminate { get; set; } = true;

    /// <value>Key frame spacing when the camera moves (no background plate is possible then). Default 0.5 s, 0.04 to 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.04", "00:00:10")]
    public TimeSpan MovingCameraKeyFrameInterval { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <value>Median change of the frame border (0..255 luma) above which the camera counts as moving. Default 10, 1 to 255.</value>
    [Range(1.0, 255.0)]
    public double MovingCameraThreshold { get; set; } = 10;

    /// <value>Longest side of the image the per-frame matte is computed on (the matte is scaled up to the frame). Default 640, 128 to 4096.</value>
    [Range(128, 4096)]
    public int WorkingSize { get; set; } = 640;

    /// <value>Half-width of the band around the key-frame outline where background difference decides, as a fraction of the
    /// working image's short side. Default 0.04, 0.005 to 0.25.</value>
    [Range(0.005, 0.25)]
    public double BandFraction { get; set; } = 0.04;

    /// <value>Colour distance to the background plate (mean of |ΔR|,|ΔG|,|ΔB|, 0..255) at which a pixel starts to count as person. Default 10.</value>
    [Range(0.0, 255.0)]
    public double DifferenceLow { get; set; } = 10;

    /// <value>Colour distance at which a pixel is surely person. Default 32.</value>
    [Range(0.0, 255.0)]
    public double DifferenceHigh { get; set; } = 32;

    /// <value>Guided filter window radius as a fraction of the working image's short side. Default 0.012, 0 to 0.1.</value>
    [Range(0.0, 0.1)]
    public double GuidedFilterRadiusFraction { get; set; } = 0.012;

    /// <value>Guided filter regularisation (luma²). Default 0.0005, 0.000001 to 1.</value>
    [Range(0.000001, 1.0)]
    public double GuidedFilterEpsilon { get; set; } = 0.0005;

    /// <value>How much of the previous frame's matte is kept where the image did not change (0 = none, flicker; 0.9 = sticky). Default 0.5, 0 to 0.95.</value>
    [Range(0.0, 0.95)]
    public double TemporalSmoothing { get; set; } = 0.5;

    /// <value>Alpha below this becomes exactly 0 (pure black), above 1 − this exactly 1. Default 0.04, 0 to 0.3.</value>
    [Range(0.0, 0.3)]
    public double AlphaFloor { get; set; } = 0.04;

    /// <value>H.264 quality of matte.mp4 (x264 CRF, lower = better). Default 16 (at 18, ringing next to the person lifts 7 times as
    /// many background pixels past black: docs/matting.md), 0 to 51.</value>
    [Range(0, 51)]
    public int Crf { get; set; } = 16;

    /// <value>x264 preset of matte.mp4. Default "veryfast".</value>
    [RegularExpression("^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow)$")]
    public string Preset { get; set; } = "veryfast";

    /// <value>Quality of the JPEG frame store (ffmpeg -q:v, 2 = best, 31 = worst). Default 3, 2 to 31.</value>
    [Range(2, 31)]
    public int JpegQuality { get; set; } = 3;

    /// <value>ONNX threads for the model; 0 = the Inference:IntraOpThreads setting when that is set, else all cores but one (the
    /// per-frame pass runs beside the model's key frames on the remaining core). Default 0, 0 to 256.</value>
    [Range(0, 256)]
    public int ModelThreads { get; set; }
}
