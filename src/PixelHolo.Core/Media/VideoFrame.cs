namespace PixelHolo.Core.Media;

/// <summary>One decoded frame as packed RGB24, rows top to bottom.</summary>
/// <param name="Index">0-based frame number in the stream.</param>
/// <param name="Timestamp">Presentation time (index / fps for constant-rate streams).</param>
public sealed record VideoFrame(int Index, TimeSpan Timestamp, int Width, int Height, byte[] Rgb24);
