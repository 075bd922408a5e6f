using System.Runtime.CompilerServices;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Tracking.Camera;

/// <summary>Camera frames through the shared ffmpeg frame reader (one code path for devices, streams and files). Leaving
/// <c>await foreach</c> stops ffmpeg.</summary>
internal sealed class FfmpegCameraSource(CameraOptions options, FfmpegFrameReader reader, TimeProvider time) : ICameraSource
{
    public async IAsyncEnumerable<CameraFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckPresent();
        FrameReadRequest request = FfmpegCameraArguments.Build(options);
        IAsyncEnumerator<VideoFrame> frames = reader.ReadAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        long index = 0;
        try
        {
            while (true)
            {
                try
                {
                    if (!await frames.MoveNextAsync()) { break; }
                }
                catch (MediaToolException ex)
                {
                    throw Failed(index, ex.Message, ex);
                }
                VideoFrame frame = frames.Current;
                yield return new CameraFrame(frame.Rgb24, frame.Width, frame.Height, index++, time.GetTimestamp());
            }
        }
        finally
        {
            await frames.DisposeAsync();
        }
        if (index == 0) { throw Failed(0, "no frames", null); }
    }

    private CameraUnavailableException Failed(long frames, string why, Exception? inner) =>
        new(options.Source,
            $"The camera '{options.Source}' gave {frames} frames ({why.Trim()}). " +
            "Check the device or address, or set Tracking:Camera:Source (PIXELHOLO_Tracking__Camera__Source).", inner);

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
}
