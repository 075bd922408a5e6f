using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.Native;

/// <summary>Where the sherpa-onnx native runtime is and how it runs (shared by its recognisers, VAD and TTS).</summary>
public sealed class SherpaOptions
{
    public const string SectionName = "Sherpa";

    /// <value>Folder holding <c>libsherpa-onnx-c-api.so</c> and its <c>libonnxruntime.so</c>. Default "" =
    /// "{Runtime:ModelsDirectory}/sherpa-onnx-1.13.8", where `pixelholo models pull sherpa-onnx` (and ./scripts/setup.sh)
    /// installs it. Env: PIXELHOLO_Sherpa__LibraryDirectory.</value>
    public string LibraryDirectory { get; set; } = "";

    /// <value>Threads per sherpa-onnx model, 0 to 64; 0 = the machine's cores, at most 4. Default 0.</value>
    [Range(0, 64)]
    public int NumThreads { get; set; }

    /// <value>ONNX Runtime execution provider inside sherpa-onnx: "cpu" (the npm build has no CUDA). Default "cpu".</value>
    [Required]
    public string Provider { get; set; } = "cpu";
}
