using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Preview;

/// <summary>Writes the camera frames to an MP4 with the dead zone (yellow), every face (grey), the followed face (green)
/// and the current command (a red arrow from the centre: direction = pan/tilt, length = speed) drawn on them. Encoding
/// goes through the shared <see cref="FfmpegFrameWriter"/>, which writes the file aside and moves it into place when
/// complete.</summary>
internal sealed class PreviewRecorder(FfmpegRunner ffmpeg, string path, TrackingOptions options, int frameRate) : ITrackingObserver, IAsyncDisposable
{
    private readonly string _path = Path.GetFullPath(path);
    private FfmpegFrameWriter? _writer;
    private byte[] _canvas = [];
    private MountCommand? _command;

    public async ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        int width = step.Frame.Width, height = step.Frame.Height;
        _writer ??= new FfmpegFrameWriter(ffmpeg, new FrameWriteRequest(_path, width, height, frameRate));
        if (_canvas.Length != step.Frame.Pixels.Length) { _canvas = new byte[step.Frame.Pixels.Length]; }
        step.Frame.Pixels.CopyTo(_canvas, 0);
        Draw(step, width, height);
        // Whole frames only: a write cut by cancellation would leave a partial frame that ffmpeg rejects when the preview is
        // finished; ffmpeg takes a frame in milliseconds, so the token is checked between frames instead.
        cancellationToken.ThrowIfCancellationRequested();
        await _writer.WriteAsync(_canvas, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is null) { return; }
        try
        {
            await _writer.CompleteAsync(CancellationToken.None); // ffmpeg finishes once its input is closed
        }
        finally
        {
            await _writer.DisposeAsync();
        }
    }

    private void Draw(TrackingStep step, int width, int height)
    {
        Span<byte> canvas = _canvas;
        int zoneW = (int)(width * options.DeadZoneX * 2), zoneH = (int)(height * options.DeadZoneY * 2);
        FrameCanvas.Rectangle(canvas, width, height, (width - zoneW) / 2, (height - zoneH) / 2, zoneW, zoneH, Rgb.Yellow, 1);
        foreach (var face in step.Faces)
        {
            bool followed = ReferenceEquals(face, step.Target);
            FrameCanvas.Rectangle(canvas, width, height, (int)face.X, (int)face.Y, (int)face.Width, (int)face.Height,
                followed ? Rgb.Green : Rgb.Gray, followed ? 3 : 1);
        }
        _command = step.Wanted ?? _command;
        if (_command is { Kind: MountCommandKind.Drive } drive)
        {
            int cx = width / 2, cy = height / 2;
            int dx = (int)(drive.Pan * width / 4), dy = (int)(-drive.Tilt * height / 4);
            FrameCanvas.Line(canvas, width, height, cx, cy, cx + dx, cy + dy, Rgb.Red);
        }
    }
}
