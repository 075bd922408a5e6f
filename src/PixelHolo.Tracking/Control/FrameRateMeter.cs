namespace PixelHolo.Tracking.Control;

/// <summary>Frames per second over the last second.</summary>
internal sealed class FrameRateMeter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly Queue<long> _recent = new();

    public double Tick(long timestamp)
    {
        _recent.Enqueue(timestamp);
        while (_recent.Count > 1 && time.GetElapsedTime(_recent.Peek(), timestamp) > Window) { _recent.Dequeue(); }
        if (_recent.Count < 2) { return 0; }
        double seconds = time.GetElapsedTime(_recent.Peek(), timestamp).TotalSeconds;
        return seconds > 0 ? (_recent.Count - 1) / seconds : 0;
    }
}
