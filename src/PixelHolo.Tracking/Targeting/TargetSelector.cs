using PixelHolo.Core.Vision;

namespace PixelHolo.Tracking.Targeting;

/// <summary>Picks the face to follow: the largest, but the face already followed keeps its place until another is
/// <see cref="TrackingOptions.SwitchAreaRatio"/> times larger (hysteresis, so two people do not make the mount flip).
/// Reports when the face is lost and when it has been gone long enough to go home.</summary>
internal sealed class TargetSelector(TrackingOptions options, TimeProvider time)
{
    private DetectedFace? _current;
    private long? _lostSince;
    private bool _homeSent;

    public TargetDecision Next(IReadOnlyList<DetectedFace> faces, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            if (_current is not null)
            {
                _current = null;
                _lostSince = timestamp;
                return new TargetDecision(TargetEvent.Lost, null);
            }
            if (_lostSince is { } since && !_homeSent && time.GetElapsedTime(since, timestamp) >= options.ReturnHomeAfter)
            {
                _homeSent = true;
                return new TargetDecision(TargetEvent.GoHome, null);
            }
            return new TargetDecision(TargetEvent.None, null);
        }
        DetectedFace largest = faces.MaxBy(Area)!;
        DetectedFace chosen = largest;
        if (_current is not null && Match(_current, faces) is { } same && !ReferenceEquals(same, largest)
            && Area(largest) < Area(same) * options.SwitchAreaRatio)
        {
            chosen = same;
        }
        bool acquired = _current is null;
        _current = chosen;
        _lostSince = null;
        _homeSent = false;
        return new TargetDecision(acquired ? TargetEvent.Acquired : TargetEvent.Following, chosen);
    }

    private static float Area(DetectedFace face) => face.Width * face.Height;

    /// <summary>The face in this frame nearest to the followed one, if its centre lies within the followed box.</summary>
    private static DetectedFace? Match(DetectedFace followed, IReadOnlyList<DetectedFace> faces)
    {
        DetectedFace? best = null;
        float bestDistance = float.MaxValue;
        foreach (DetectedFace face in faces)
        {
            float dx = face.CenterX - followed.CenterX, dy = face.CenterY - followed.CenterY;
            float distance = (dx * dx) + (dy * dy);
            if (Math.Abs(dx) <= followed.Width / 2 && Math.Abs(dy) <= followed.Height / 2 && distance < bestDistance)
            {
                best = face;
                bestDistance = distance;
            }
        }
        return best;
    }
}

internal enum TargetEvent
{
    /// <summary>Still nobody (or already home).</summary>
    None,

    /// <summary>A face appeared.</summary>
    Acquired,

    /// <summary>The followed face is still there (or a clearly larger one took over).</summary>
    Following,

    /// <summary>The face just disappeared: stop at once.</summary>
    Lost,

    /// <summary>Nobody for <see cref="TrackingOptions.ReturnHomeAfter"/>: return home slowly (once).</summary>
    GoHome,
}

internal readonly record struct TargetDecision(TargetEvent Event, DetectedFace? Face);
