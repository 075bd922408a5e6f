namespace PixelHolo.Tracking.Camera;

/// <summary>Delivers camera frames as packed RGB24.</summary>
public interface ICameraSource
{
    /// <summary>Frames until the source ends or <paramref name="cancellationToken"/> fires. A frame's pixels stay valid
    /// only until the next frame is pulled (the buffer is reused); copy them to keep them.</summary>
    IAsyncEnumerable<CameraFrame> ReadFramesAsync(CancellationToken cancellationToken = default);
}

/// <summary>One frame: <see cref="Width"/> × <see cref="Height"/> × 3 bytes of RGB, rows top to bottom.</summary>
/// <param name="Index">Frame number from 0.</param>
/// <param name="Timestamp">When it arrived, from <see cref="TimeProvider.GetTimestamp"/>.</param>
public sealed record CameraFrame(byte[] Pixels, int Width, int Height, long Index, long Timestamp);
