using Microsoft.Extensions.Logging;
using PixelHolo.Core.Tracking;
using PixelHolo.Core.Vision;
using PixelHolo.Tracking.Camera;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Serial;
using PixelHolo.Tracking.Targeting;

namespace PixelHolo.Tracking.Control;

/// <summary>The tracking loop: camera frame → face detector → target selection → controller → change filter and rate
/// limit → mount. On the way out it stops the mount (and sends it home when configured).</summary>
internal sealed partial class TrackingPipeline(
    IFaceDetector detector,
    IMountProtocol protocol,
    TrackingOptions options,
    TimeProvider time,
    TrackingStatusBoard status,
    Func<bool> isPaused,
    ILogger logger)
{
    private static readonly TimeSpan ShutdownSendTimeout = TimeSpan.FromSeconds(1);

    public async Task RunAsync(ICameraSource camera, IMountLink link, ITrackingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(link);
        var selector = new TargetSelector(options, time);
        var controller = new PanTiltController(options);
        var gate = new CommandGate(TimeSpan.FromSeconds(1.0 / options.MaxCommandsPerSecond));
        var frameRate = new FrameRateMeter(time);
        MountCommand? wanted = null;
        string? lastCommand = null;
        bool wasConnected = false;
        TrackingState state = TrackingState.Searching;
        try
        {
            await foreach (CameraFrame frame in camera.ReadFramesAsync(cancellationToken))
            {
                IReadOnlyList<DetectedFace> faces = detector.Detect(frame.Pixels, frame.Width, frame.Height);
                TargetDecision decision = selector.Next(faces, frame.Timestamp);
                bool paused = isPaused();
                (wanted, state) = (paused, decision.Event) switch
                {
                    (true, _) => (MountCommand.Stop, TrackingState.Paused),
                    (_, TargetEvent.Acquired or TargetEvent.Following) => (controller.Compute(decision.Face!, frame.Width, frame.Height), TrackingState.Tracking),
                    (_, TargetEvent.Lost) => (MountCommand.Stop, TrackingState.Lost),
                    (_, TargetEvent.GoHome) => (MountCommand.Home((float)options.HomeSpeed), TrackingState.Home),
                    _ => (wanted, state == TrackingState.Paused ? TrackingState.Searching : state),
                };
                if (decision.Event == TargetEvent.Acquired) { LogAcquired(logger, decision.Face!.CenterX, decision.Face.CenterY, decision.Face.Width); }
                if (decision.Event == TargetEvent.Lost) { LogLost(logger); }

                bool connected = link.IsConnected;
                if (connected && !wasConnected) { gate.Reset(); } // the mount's state is unknown after (re)connecting
                wasConnected = connected;
                long now = time.GetTimestamp();
                byte[]? bytes = wanted is { } command ? gate.Offer(protocol.EncodeCommand(command), now, time) : gate.Poll(now, time);
                MountCommand? sent = null;
                if (bytes is not null)
                {
                    if (await link.SendAsync(bytes, cancellationToken))
                    {
                        sent = wanted;
                        lastCommand = $"{sent} ({MountProtocols.Hex(bytes)})";
                        LogSent(logger, sent.ToString()!, MountProtocols.Hex(bytes));
                    }
                    else
                    {
                        gate.Reset(); // not connected: send the wanted command again once the mount is back
                        bytes = null;
                    }
                }
                status.Set(state, faces.Count > 0, connected, link.PortDescription,
                    connected ? null : $"The mount is not connected ({link.PortDescription}); retrying.", lastCommand, frameRate.Tick(now));
                if (observer is not null)
                {
                    await observer.OnFrameAsync(new TrackingStep(frame, faces, decision.Face, decision.Event, wanted, sent, bytes, paused), cancellationToken);
                }
            }
        }
        finally
        {
            await ShutDownMountAsync(link);
        }
    }

    private async Task ShutDownMountAsync(IMountLink link)
    {
        if (!link.IsConnected) { return; }
        using var timeout = new CancellationTokenSource(ShutdownSendTimeout);
        try
        {
            await link.SendAsync(protocol.EncodeCommand(MountCommand.Stop), timeout.Token);
            if (options.HomeOnShutdown) { await link.SendAsync(protocol.EncodeCommand(MountCommand.Home((float)options.HomeSpeed)), timeout.Token); }
            LogShutdown(logger, options.HomeOnShutdown ? "stop and home" : "stop");
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(logger, ShutdownSendTimeout.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Face found at ({X:F0}, {Y:F0}), {Width:F0} px wide")]
    private static partial void LogAcquired(ILogger logger, float x, float y, float width);

    [LoggerMessage(Level = LogLevel.Information, Message = "Face lost; mount stopped")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Command} [{Hex}]")]
    private static partial void LogSent(ILogger logger, string command, string hex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking stopped; sent {What} to the mount")]
    private static partial void LogShutdown(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send stop to the mount within {Seconds:F0} s while shutting down")]
    private static partial void LogShutdownTimedOut(ILogger logger, double seconds);
}
