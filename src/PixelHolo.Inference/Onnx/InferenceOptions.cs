using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Inference.Onnx;

/// <summary>How ONNX models run.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <value>"auto" (CUDA when a GPU and the CUDA build are present, else CPU), "cpu" or "cuda". Default auto.</value>
    [RegularExpression("^(auto|cpu|cuda)$")]
    public string Device { get; set; } = "auto";

    /// <value>Threads inside one operator; 0 = ONNX Runtime's choice (all cores). Default 0, 0 to 256.</value>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <value>CUDA device index. Default 0.</value>
    [Range(0, 64)]
    public int CudaDeviceId { get; set; }
}
