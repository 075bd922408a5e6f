namespace PixelHolo.Inference.Models;

/// <summary>Reports a sub-step's progress as a share of the whole, synchronously (Progress&lt;T&gt; would post to the
/// thread pool and reorder the reports).</summary>
internal sealed class ScaledProgress(IProgress<double>? inner, double scale) : IProgress<double>
{
    public void Report(double value) => inner?.Report(value * scale);
}
