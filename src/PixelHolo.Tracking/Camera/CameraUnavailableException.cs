using PixelHolo.Core.Errors;

namespace PixelHolo.Tracking.Camera;

/// <summary>The configured camera is not there. The message says how to enable tracking.</summary>
public sealed class CameraUnavailableException(string source, string message) : PixelHoloException(message)
{
    public string CameraSource { get; } = source;
}
