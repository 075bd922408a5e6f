using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using PixelHolo.Core.Errors;

namespace PixelHolo.Tracking.Camera;

/// <summary>Reads camera frames through ffmpeg (one code path for devices, streams and files). The iterator owns the
/// process: leaving <c>await foreach</c> stops ffmpeg.</summary>
internal sealed class FfmpegCameraSource(CameraOptions options, TimeProvider time) : ICameraSource
{
    public async IAsyncEnumerable<CameraFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckPresent();
        IReadOnlyList<string> arguments = FfmpegCameraArguments.Build(options);
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) { info.ArgumentList.Add(argument); }
        using var ffmpeg = new Process { StartInfo = info };
        try { ffmpeg.Start(); }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MediaToolException("ffmpeg", "ffmpeg was not found on PATH; install it (`sudo apt install ffmpeg`) to use a camera.", ex);
        }
        var stderr = new StringBuilder();
        Task drain = DrainAsync(ffmpeg.StandardError, stderr);
        byte[] pixels = new byte[options.Width * options.Height * 3];
        Stream stdout = ffmpeg.StandardOutput.BaseStream;
        long index = 0;
        try
        {
            while (true)
            {
                int filled = await ReadFrameAsync(stdout, pixels, cancellationToken);
                if (filled < pixels.Length) { break; }
                yield return new CameraFrame(pixels, options.Width, options.Height, index++, time.GetTimestamp());
            }
            await ffmpeg.WaitForExitAsync(cancellationToken);
            await drain;
            if (ffmpeg.ExitCode != 0 || index == 0)
            {
                throw new CameraUnavailableException(options.Source,
                    $"The camera '{options.Source}' gave {index} frames; ffmpeg exited with code {ffmpeg.ExitCode}: {Tail(stderr)} " +
                    "Check the device or address, or set Tracking:Camera:Source (PIXELHOLO_Tracking__Camera__Source).");
            }
        }
        finally
        {
            if (!ffmpeg.HasExited)
            {
                ffmpeg.Kill(entireProcessTree: true); // never leave a detached ffmpeg holding the camera
                await ffmpeg.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private void CheckPresent()
    {
        switch (FfmpegCameraArguments.KindOf(options.Source))
        {
            case CameraSourceKind.Device when !File.Exists(options.Source):
                throw new CameraUnavailableException(options.Source,
                    $"No camera at {options.Source}, so face tracking is off. Plug in a USB camera (check `ls /dev/video*`), " +
                    "or set Tracking:Camera:Source (PIXELHOLO_Tracking__Camera__Source) to a device, an rtsp:// address or a video file; " +
                    "Tracking:Enabled=false silences this warning.");
            case CameraSourceKind.File when !File.Exists(options.Source):
                throw new CameraUnavailableException(options.Source,
                    $"The camera source '{options.Source}' is neither a device, a stream address nor an existing video file. " +
                    "Set Tracking:Camera:Source (PIXELHOLO_Tracking__Camera__Source).");
            default:
                break;
        }
    }

    private static async Task<int> ReadFrameAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0) { break; }
            filled += read;
        }
        return filled;
    }

    private static async Task DrainAsync(StreamReader reader, StringBuilder tail)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (tail)
            {
                tail.AppendLine(line);
                if (tail.Length > 4000) { tail.Remove(0, tail.Length - 4000); }
            }
        }
    }

    private static string Tail(StringBuilder tail)
    {
        lock (tail) { return tail.ToString().Trim(); }
    }
}
