using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Inference.FaceDetection;

/// <summary>Which BlazeFace model finds faces, and how sure it must be.</summary>
public sealed class FaceDetectionOptions
{
    public const string SectionName = "FaceDetection";

    /// <value>"front" (BlazeFace 128 px, faces nearer than about 2 m, the default) or "back"
    /// (BlazeFace 256 px, for smaller, farther faces; about 3 times slower). Env: PIXELHOLO_FaceDetection__Model.</value>
    [Required]
    [RegularExpression("^(?i:front|back)$", ErrorMessage = "FaceDetection:Model must be \"front\" or \"back\".")]
    public string Model { get; set; } = "front";

    /// <value>Lowest face score kept, 0 to 1. Default 0.5 (MediaPipe's own threshold for these models).</value>
    [Range(0.0, 1.0)]
    public float ScoreThreshold { get; set; } = 0.5f;

    /// <value>Two boxes overlapping more than this (intersection over union) are the same face; the weaker is dropped.
    /// 0 to 1. Default 0.3 (MediaPipe's value).</value>
    [Range(0.0, 1.0)]
    public float NmsIouThreshold { get; set; } = 0.3f;

    /// <value>Threads inside one operator for the detector's session; 0 = Inference:IntraOpThreads. Default 1:
    /// the model is tiny and one core runs it faster than a camera delivers frames, leaving the others free.</value>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; } = 1;

    internal bool IsBack => string.Equals(Model, "back", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model id in the manifest (<c>pixelholo models list</c>).</summary>
    internal string ModelId => IsBack ? "blazeface-back" : "blazeface-front";
}
