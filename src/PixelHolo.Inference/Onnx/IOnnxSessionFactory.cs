using Microsoft.ML.OnnxRuntime;

namespace PixelHolo.Inference.Onnx;

/// <summary>Opens ONNX models on the chosen device. The caller owns (and disposes) each session.</summary>
public interface IOnnxSessionFactory
{
    /// <summary>"CUDA" or "CPU": where sessions from this factory run.</summary>
    string ExecutionProvider { get; }

    /// <param name="path">Model file.</param>
    /// <param name="setting">The configuration key that names the file, quoted in errors.</param>
    /// <param name="intraOpThreads">Overrides <see cref="InferenceOptions.IntraOpThreads"/> when given.</param>
    /// <param name="transform">Rewrites the model's bytes before they are loaded (<see cref="OnnxGraph"/>); null loads the file as it is.</param>
    InferenceSession Open(string path, string setting, int? intraOpThreads = null, Func<byte[], byte[]>? transform = null);
}
