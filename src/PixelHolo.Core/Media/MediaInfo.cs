namespace PixelHolo.Core.Media;

/// <summary>What ffprobe says about a file, reduced to what PixelHolo needs.</summary>
/// <param name="FormatName">Container, e.g. "mov,mp4,m4a,3gp,3g2,mj2".</param>
/// <param name="Duration">Container duration.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="Video">First video stream, if any.</param>
/// <param name="Audio">First audio stream, if any.</param>
public sealed record MediaInfo(string FormatName, TimeSpan Duration, long SizeBytes, VideoStreamInfo? Video, AudioStreamInfo? Audio)
{
    public string Describe()
    {
        var parts = new List<string>();
        if (Video is not null) { parts.Add($"{Video.Codec} video {Video.Width}×{Video.Height}"); }
        if (Audio is not null) { parts.Add($"{Audio.Codec} audio {Audio.SampleRateHz} Hz"); }
        return parts.Count == 0 ? "no audio or video streams" : string.Join(", ", parts);
    }
}

/// <param name="Width">Coded width (before rotation).</param>
/// <param name="Height">Coded height (before rotation).</param>
/// <param name="FramesPerSecond">Average frame rate.</param>
/// <param name="RotationDegrees">Display rotation from metadata (0, 90, 180, 270).</param>
/// <param name="VariableFrameRate">True when r_frame_rate and avg_frame_rate differ noticeably.</param>
public sealed record VideoStreamInfo(string Codec, int Width, int Height, double FramesPerSecond, int RotationDegrees, bool VariableFrameRate, string PixelFormat)
{
    /// <summary>Width as displayed (after rotation).</summary>
    public int DisplayWidth => RotationDegrees % 180 == 0 ? Width : Height;

    /// <summary>Height as displayed (after rotation).</summary>
    public int DisplayHeight => RotationDegrees % 180 == 0 ? Height : Width;
}

public sealed record AudioStreamInfo(string Codec, int SampleRateHz, int Channels);
