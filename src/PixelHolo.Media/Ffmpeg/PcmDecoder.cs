using System.Globalization;
using System.Runtime.InteropServices;

namespace PixelHolo.Media.Ffmpeg;

/// <summary>Decodes the sound of a file (or a time range of it) to 16 kHz mono float samples through an ffmpeg pipe.</summary>
internal static class PcmDecoder
{
    public static async Task<float[]> DecodeMono16kAsync(FfmpegRunner ffmpeg, string path, double? fromSeconds, double? toSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", path, "-vn" };
        if (fromSeconds is { } f) { arguments.AddRange(["-ss", f.ToString("0.######", CultureInfo.InvariantCulture)]); }
        if (toSeconds is { } t) { arguments.AddRange(["-to", t.ToString("0.######", CultureInfo.InvariantCulture)]); }
        arguments.AddRange(["-ac", "1", "-ar", "16000", "-f", "f32le", "pipe:1"]);
        using var process = FfmpegRunner.Start(ffmpeg.Options.FfmpegPath, arguments, redirectInput: false);
        Task<string> stderr = FfmpegRunner.DrainStandardErrorAsync(process);
        using var buffer = new MemoryStream();
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(buffer, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            FfmpegRunner.Kill(process);
            throw;
        }
        await FfmpegRunner.WaitForSuccessAsync(process, "ffmpeg", arguments, stderr, cancellationToken);
        return MemoryMarshal.Cast<byte, float>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length & ~3)).ToArray();
    }
}
