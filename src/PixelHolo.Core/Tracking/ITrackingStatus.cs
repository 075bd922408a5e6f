namespace PixelHolo.Core.Tracking;

/// <summary>What face tracking is doing right now, for the status page of the web app. Safe to read from any thread.</summary>
public interface ITrackingStatus
{
    TrackingSnapshot Current { get; }
}

/// <summary>Where tracking stands.</summary>
public enum TrackingState
{
    /// <summary>Not running: disabled, no camera, or stopped. <see cref="TrackingSnapshot.Reason"/> says why.</summary>
    Off,

    /// <summary>Camera running, no face yet.</summary>
    Searching,

    /// <summary>Following a face.</summary>
    Tracking,

    /// <summary>The face was lost; the mount stopped and waits before going home.</summary>
    Lost,

    /// <summary>Nobody for a while; the mount returned to its home position.</summary>
    Home,

    /// <summary>Paused while the avatar speaks (Tracking:PauseWhileSpeaking).</summary>
    Paused,
}

/// <summary>One reading of the tracking state.</summary>
/// <param name="State">What tracking is doing.</param>
/// <param name="FaceSeen">Whether the last frame held a face.</param>
/// <param name="MountConnected">Whether the serial mount is open.</param>
/// <param name="MountPort">The serial port in use (or the candidates tried when none is open).</param>
/// <param name="Reason">Why tracking is off or degraded, with the fix; null when all is well.</param>
/// <param name="LastCommand">The last command sent, e.g. "pan right 12, tilt stop (81 01 06 01 0C 01 02 03 FF)".</param>
/// <param name="FramesPerSecond">Frames analysed per second, over the last second or so.</param>
/// <param name="UpdatedUtc">When this snapshot was taken.</param>
public sealed record TrackingSnapshot(
    TrackingState State,
    bool FaceSeen,
    bool MountConnected,
    string? MountPort,
    string? Reason,
    string? LastCommand,
    double FramesPerSecond,
    DateTimeOffset UpdatedUtc)
{
    public static TrackingSnapshot Off(string reason, DateTimeOffset now) => new(TrackingState.Off, false, false, null, reason, null, 0, now);
}
