using System.Globalization;
using System.Text.Json;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;

namespace PixelHolo.Processes.Ffmpeg;

/// <summary>Reads a file's container and streams with ffprobe's JSON output.</summary>
public sealed class MediaProbe(FfmpegRunner runner)
{
    /// <summary>Probes a file. A file ffprobe cannot read gives a <see cref="MediaToolException"/> (corrupt or not media).</summary>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        string json = await runner.RunFfprobeAsync(
            ["-print_format", "json", "-show_format", "-show_streams", path], cancellationToken);
        return Parse(json, new FileInfo(path).Length);
    }

    /// <remarks>A JsonDocument, not records: ffprobe's format (numbers as strings, optional side data, per-codec fields).</remarks>
    internal static MediaInfo Parse(string json, long sizeBytes)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        JsonElement format = root.TryGetProperty("format", out var f) ? f : default;
        string formatName = format.ValueKind == JsonValueKind.Object && format.TryGetProperty("format_name", out var fn) ? fn.GetString() ?? "" : "";
        double duration = ReadDouble(format, "duration");
        VideoStreamInfo? video = null;
        AudioStreamInfo? audio = null;
        if (root.TryGetProperty("streams", out JsonElement streams))
        {
            foreach (JsonElement stream in streams.EnumerateArray())
            {
                string type = stream.TryGetProperty("codec_type", out var t) ? t.GetString() ?? "" : "";
                string codec = stream.TryGetProperty("codec_name", out var c) ? c.GetString() ?? "?" : "?";
                if (type == "video" && video is null && !IsAttachedPicture(stream))
                {
                    double avg = ParseRate(stream, "avg_frame_rate");
                    double real = ParseRate(stream, "r_frame_rate");
                    double fps = avg > 0 ? avg : real;
                    bool variable = avg > 0 && real > 0 && Math.Abs(avg - real) / real > 0.02;
                    video = new VideoStreamInfo(codec, ReadInt(stream, "width"), ReadInt(stream, "height"), fps, ReadRotation(stream), variable,
                        stream.TryGetProperty("pix_fmt", out var pf) ? pf.GetString() ?? "" : "");
                    if (duration <= 0) { duration = ReadDouble(stream, "duration"); }
                }
                else if (type == "audio" && audio is null)
                {
                    audio = new AudioStreamInfo(codec, (int)ReadDouble(stream, "sample_rate"), ReadInt(stream, "channels"));
                    if (duration <= 0) { duration = ReadDouble(stream, "duration"); }
                }
            }
        }
        return new MediaInfo(formatName, TimeSpan.FromSeconds(Math.Max(0, duration)), sizeBytes, video, audio);
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var ap) && ap.ValueKind == JsonValueKind.Number && ap.GetInt32() == 1;

    private static int ReadRotation(JsonElement stream)
    {
        int rotation = 0;
        if (stream.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var r) &&
            int.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int fromTag))
        {
            rotation = fromTag;
        }
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var rot) && rot.ValueKind == JsonValueKind.Number) { rotation = -rot.GetInt32(); }
            }
        }
        return ((rotation % 360) + 360) % 360;
    }

    private static double ParseRate(JsonElement stream, string name)
    {
        if (!stream.TryGetProperty(name, out var value) || value.GetString() is not { } text) { return 0; }
        string[] parts = text.Split('/');
        if (parts.Length == 2 &&
            double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double num) &&
            double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double den) && den > 0)
        {
            return num / den;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) ? plain : 0;
    }

    private static double ReadDouble(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) { return 0; }
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => 0,
        };
    }

    private static int ReadInt(JsonElement element, string name) => (int)ReadDouble(element, name);
}
