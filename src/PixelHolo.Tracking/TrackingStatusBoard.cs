using PixelHolo.Core.Tracking;

namespace PixelHolo.Tracking;

/// <summary>The latest <see cref="TrackingSnapshot"/>, written by the tracking loop and read by the web status page.</summary>
internal sealed class TrackingStatusBoard(TimeProvider time) : ITrackingStatus
{
    private TrackingSnapshot _current = TrackingSnapshot.Off("Tracking has not started.", time.GetUtcNow());

    public TrackingSnapshot Current => Volatile.Read(ref _current);

    public void SetOff(string reason) => Volatile.Write(ref _current, TrackingSnapshot.Off(reason, time.GetUtcNow()));

    public void Set(TrackingState state, bool faceSeen, bool mountConnected, string? mountPort, string? reason, string? lastCommand, double framesPerSecond) =>
        Volatile.Write(ref _current, new TrackingSnapshot(state, faceSeen, mountConnected, mountPort, reason, lastCommand, framesPerSecond, time.GetUtcNow()));
}
