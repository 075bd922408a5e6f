using PixelHolo.Core.Errors;

namespace PixelHolo.Tracking.Camera;

/// <summary>The configured camera is not there or gives no frames. The message says how to enable tracking.</summary>
public sealed class CameraUnavailableException : PixelHoloException
{
    public CameraUnavailableException(string source, string message, Exception? inner = null)
        : base(message, inner) => CameraSource = source;

    public string CameraSource { get; }
}
