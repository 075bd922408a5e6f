using System.Diagnostics;
using System.Globalization;
using System.Text;
using PixelHolo.Core.Errors;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Preview;

/// <summary>Writes the camera frames to an MP4 with the dead zone (yellow), every face (grey), the followed face (green)
/// and the current command (a red arrow from the centre: direction = pan/tilt, length = speed) drawn on them. The file
/// is written aside and moved into place when complete.</summary>
internal sealed class PreviewRecorder : ITrackingObserver, IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly TrackingOptions _options;
    private readonly int _frameRate;
    private readonly StringBuilder _stderr = new();
    private Process? _ffmpeg;
    private Task? _drain;
    private byte[] _canvas = [];
    private MountCommand? _command;
    private bool _failed;

    public PreviewRecorder(string path, TrackingOptions options, int frameRate)
    {
        _path = Path.GetFullPath(path);
        _temp = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileNameWithoutExtension(_path)}.{Guid.NewGuid():N}.tmp.mp4");
        _options = options;
        _frameRate = frameRate;
    }

    public async ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        int width = step.Frame.Width, height = step.Frame.Height;
        if (_ffmpeg is null) { Start(width, height); }
        if (_canvas.Length != step.Frame.Pixels.Length) { _canvas = new byte[step.Frame.Pixels.Length]; }
        step.Frame.Pixels.CopyTo(_canvas, 0);
        Draw(step, width, height);
        try
        {
            await _ffmpeg!.StandardInput.BaseStream.WriteAsync(_canvas, cancellationToken);
        }
        catch (IOException ex)
        {
            _failed = true;
            throw new MediaToolException("ffmpeg", $"Writing the preview {_path} failed: {ex.Message} {Tail()}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ffmpeg is null) { return; }
        try
        {
            try { _ffmpeg.StandardInput.Close(); }
            catch (IOException) { _failed = true; }
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _ffmpeg.WaitForExitAsync(timeout.Token);
            await _drain!;
            if (_ffmpeg.ExitCode != 0 || _failed)
            {
                throw new MediaToolException("ffmpeg", $"ffmpeg could not write the preview {_path} (exit code {_ffmpeg.ExitCode}): {Tail()}");
            }
            File.Move(_temp, _path, overwrite: true);
        }
        finally
        {
            if (!_ffmpeg.HasExited) { _ffmpeg.Kill(entireProcessTree: true); }
            _ffmpeg.Dispose();
            if (File.Exists(_temp)) { File.Delete(_temp); }
        }
    }

    private void Start(int width, int height)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])[
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", _frameRate.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", _temp])
        {
            info.ArgumentList.Add(argument);
        }
        _ffmpeg = Process.Start(info) ?? throw new MediaToolException("ffmpeg", "Could not start ffmpeg to write the preview; install ffmpeg.");
        _drain = Task.Run(async () =>
        {
            while (await _ffmpeg.StandardError.ReadLineAsync() is { } line) { lock (_stderr) { _stderr.AppendLine(line); } }
        });
    }

    private void Draw(TrackingStep step, int width, int height)
    {
        Span<byte> canvas = _canvas;
        int zoneW = (int)(width * _options.DeadZoneX * 2), zoneH = (int)(height * _options.DeadZoneY * 2);
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

    private string Tail()
    {
        lock (_stderr) { return _stderr.ToString().Trim(); }
    }
}
