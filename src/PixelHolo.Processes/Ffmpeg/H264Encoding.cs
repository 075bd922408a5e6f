namespace PixelHolo.Processes.Ffmpeg;

/// <summary>The one set of H.264 output flags every writer uses (frame writer, loop renderer, tracking preview).</summary>
public static class H264Encoding
{
    /// <summary>H.264 that keeps black at exactly 0 after decoding: limited-range BT.601 tagged, so RGB 0 → Y 16 → RGB 0;
    /// +faststart so the browser can start playing before the file has arrived.</summary>
    /// <param name="preset">x264 preset ("veryfast" unless a setting says otherwise).</param>
    public static IReadOnlyList<string> BlackSafe(string preset = "veryfast") =>
        ["-c:v", "libx264", "-preset", preset, "-crf", "20", "-pix_fmt", "yuv420p", "-color_range", "tv", "-colorspace", "bt470bg",
         "-color_primaries", "bt470bg", "-color_trc", "gamma28", "-movflags", "+faststart"];
}
