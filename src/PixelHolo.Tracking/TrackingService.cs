using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Stage;

namespace PixelHolo.Tracking;

/// <summary>Face tracking inside <c>pixelholo serve</c>. Without a camera (or model) it logs one warning saying why it
/// is off and how to enable it, publishes that on the status page, and the rest of the product runs on. Pauses while
/// the avatar speaks when <see cref="TrackingOptions.PauseWhileSpeaking"/> is set.</summary>
internal sealed partial class TrackingService(
    TrackingEngine engine,
    TrackingStatusBoard status,
    IOptions<TrackingOptions> options,
    ILogger<TrackingService> logger) : BackgroundService, IStageObserver
{
    public void OnStageChanged(StageEvent stageEvent)
    {
        ArgumentNullException.ThrowIfNull(stageEvent);
        if (!options.Value.PauseWhileSpeaking) { return; }
        bool pause = stageEvent.State == StageState.Speaking;
        if (pause != engine.Paused)
        {
            engine.Paused = pause;
            LogPaused(logger, pause ? "paused while the avatar speaks" : "resumed");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting; opening the model and camera takes a moment
        if (!options.Value.Enabled)
        {
            status.SetOff("Tracking:Enabled is false.");
            LogDisabled(logger);
            return;
        }
        try
        {
            await engine.RunAsync(engine.CreateCamera(), null, stoppingToken);
            status.SetOff("The camera stream ended.");
            LogEnded(logger, engine.CameraOptions.Source);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status.SetOff("Stopped.");
        }
        catch (PixelHoloException ex)
        {
            // Camera missing or failing, model missing: tracking is optional hardware, the product runs without it.
            status.SetOff(ex.Message);
            LogOff(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face tracking is off: {Reason}")]
    private static partial void LogOff(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Face tracking is disabled (Tracking:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face tracking stopped: the camera stream {Source} ended")]
    private static partial void LogEnded(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Face tracking {What}")]
    private static partial void LogPaused(ILogger logger, string what);
}
