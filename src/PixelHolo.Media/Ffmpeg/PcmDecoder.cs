using System.Globalization;
using System.Runtime.InteropServices;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Media.Ffmpeg;

/// <summary>Decodes the sound of a file (or a time range of it) to 16 kHz mono float samples through an ffmpeg pipe.</summary>
internal static class PcmDecoder
{
    public static async Task<float[]> DecodeMono16kAsync(FfmpegRunner ffmpeg, string path, double? fromSeconds, double? toSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        var arguments = new List<string> { "-i", path, "-vn" };
        if (fromSeconds is { } f) { arguments.AddRange(["-ss", f.ToString("0.######", CultureInfo.InvariantCulture)]); }
        if (toSeconds is { } t) { arguments.AddRange(["-to", t.ToString("0.######", CultureInfo.InvariantCulture)]); }
        arguments.AddRange(["-ac", "1", "-ar", "16000", "-f", "f32le", "pipe:1"]);
        byte[] pcm = await ffmpeg.ReadFfmpegOutputAsync(arguments, cancellationToken);
        return MemoryMarshal.Cast<byte, float>(pcm.AsSpan(0, pcm.Length & ~3)).ToArray();
    }
}
