namespace PixelHolo.Core.Vision;

/// <summary>Finds faces in an RGB24 frame. Implementations are safe for concurrent calls.</summary>
public interface IFaceDetector
{
    /// <param name="rgb24">Packed RGB, <paramref name="width"/> × <paramref name="height"/> × 3 bytes, rows top to bottom.</param>
    IReadOnlyList<DetectedFace> Detect(ReadOnlySpan<byte> rgb24, int width, int height);
}

/// <summary>A face in pixel coordinates of the frame it was found in.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Box width.</param>
/// <param name="Height">Box height.</param>
/// <param name="Score">Confidence 0..1.</param>
/// <param name="Keypoints">Six points: right eye, left eye, nose, mouth, right ear, left ear (as BlazeFace orders them).</param>
public sealed record DetectedFace(float X, float Y, float Width, float Height, float Score, IReadOnlyList<FacePoint> Keypoints)
{
    public float CenterX => X + (Width / 2);

    public float CenterY => Y + (Height / 2);
}

public readonly record struct FacePoint(float X, float Y);
