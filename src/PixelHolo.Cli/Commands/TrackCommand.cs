using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Tracking;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Preview;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Targeting;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo track --camera SRC --port DEV --protocol visca|pelco-d|text [--duration S] [--preview FILE.mp4]</c>:
/// face tracking on its own, printing each detection and each command with its bytes.</summary>
internal static class TrackCommand
{
    public static Command Create()
    {
        var camera = new Option<string>("--camera")
        {
            Description = "Camera: a V4L2 device (/dev/video0), an rtsp:// or http:// stream, or a video file (looped).",
            Required = true,
        };
        var port = new Option<string>("--port") { Description = "Serial port of the mount, e.g. /dev/ttyUSB0 or a socat pty.", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "Mount protocol: visca, pelco-d or text.", Required = true };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C)." };
        var preview = new Option<string?>("--preview") { Description = "Write the frames with face box, dead zone and command drawn on them to this MP4." };
        var command = new Command("track", "Follow the visitor's face with a pan/tilt mount (camera → face detector → mount), without the web app.");
        command.Options.Add(camera);
        command.Options.Add(port);
        command.Options.Add(protocol);
        command.Options.Add(duration);
        command.Options.Add(preview);
        command.SetAction((parse, ct) => CliHost.RunAsync(c => RunAsync(
            parse.GetValue(camera)!, parse.GetValue(port)!, parse.GetValue(protocol)!, parse.GetValue(duration), parse.GetValue(preview), c), ct));
        return command;
    }

    private static async Task<int> RunAsync(string camera, string port, string protocol, double? durationSeconds, string? preview, CancellationToken cancellationToken)
    {
        if (!MountProtocols.Names.Contains(protocol.ToLowerInvariant()))
        {
            throw new CliInputException($"Unknown protocol '{protocol}'. Use one of: {string.Join(", ", MountProtocols.Names)}.");
        }
        if (durationSeconds is <= 0) { throw new CliInputException($"--duration must be positive; got {durationSeconds}."); }
        if (preview is not null && Path.GetDirectoryName(Path.GetFullPath(preview)) is { } folder && !Directory.Exists(folder))
        {
            throw new CliInputException($"The folder for --preview does not exist: {folder}.");
        }
        using var host = CliHost.Build(new Dictionary<string, string?>
        {
            ["Tracking:Camera:Source"] = camera,
            ["Tracking:Serial:Ports:0"] = port,
            ["Tracking:Protocol"] = protocol,
        }, LogLevel.Information);
        var engine = host.Services.GetRequiredService<TrackingEngine>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (durationSeconds is { } seconds) { limit.CancelAfter(TimeSpan.FromSeconds(seconds)); }
        var time = host.Services.GetRequiredService<TimeProvider>();
        var printer = new ConsolePrinter(time, preview is null ? null : new PreviewRecorder(host.Services.GetRequiredService<FfmpegRunner>(), preview, engine.Options, engine.CameraOptions.FrameRate));
        try
        {
            await engine.RunAsync(engine.CreateCamera(), printer, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // --duration reached, or Ctrl+C / SIGTERM: a normal end (the mount was sent stop on the way out).
        }
        finally
        {
            await printer.DisposeAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {printer.Frames} frames, {printer.FramesWithFace} with a face, {printer.Commands} commands sent{(preview is null ? "" : $", preview {Path.GetFullPath(preview)}")}."));
        return ExitCodes.Ok;
    }

    /// <summary>Prints one line per detection and per command sent, with the bytes in hex.</summary>
    private sealed class ConsolePrinter(TimeProvider time, PreviewRecorder? preview) : ITrackingObserver, IAsyncDisposable
    {
        private readonly long _started = time.GetTimestamp();

        public int Frames { get; private set; }

        public int FramesWithFace { get; private set; }

        public int Commands { get; private set; }

        public async ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken)
        {
            Frames++;
            double t = time.GetElapsedTime(_started).TotalSeconds;
            if (step.Target is { } face)
            {
                FramesWithFace++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t,7:F2}s frame {step.Frame.Index}: {step.Faces.Count} face(s), following ({face.X:F0}, {face.Y:F0}) {face.Width:F0}×{face.Height:F0} score {face.Score:F2}"));
            }
            else if (step.Event == TargetEvent.Lost)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t,7:F2}s frame {step.Frame.Index}: face lost"));
            }
            if (step.Sent is { } sent)
            {
                Commands++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t,7:F2}s command {sent}: {MountProtocols.Hex(step.SentBytes)}"));
            }
            if (preview is not null) { await preview.OnFrameAsync(step, cancellationToken); }
        }

        public async ValueTask DisposeAsync()
        {
            if (preview is not null) { await preview.DisposeAsync(); }
        }
    }
}
