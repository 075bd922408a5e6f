using PixelHolo.Core.Vision;
using PixelHolo.Tracking.Camera;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Targeting;

namespace PixelHolo.Tracking.Control;

/// <summary>Sees every analysed frame (the CLI prints detections and commands; the preview draws them).</summary>
internal interface ITrackingObserver
{
    ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken);
}

/// <summary>What happened on one frame.</summary>
/// <param name="Wanted">The command the controller wants now (null before the first face).</param>
/// <param name="Sent">The command that went out on this frame, if any (rate limit and change filter applied).</param>
/// <param name="SentBytes">Its bytes on the wire.</param>
internal sealed record TrackingStep(
    CameraFrame Frame,
    IReadOnlyList<DetectedFace> Faces,
    DetectedFace? Target,
    TargetEvent Event,
    MountCommand? Wanted,
    MountCommand? Sent,
    byte[]? SentBytes,
    bool Paused);
