namespace PixelHolo.Tracking.Control;

/// <summary>Lets a command through only when it differs from the last one sent, and at most once per interval; a
/// changed command that arrives too early waits, and the newest waiting one goes out when the interval has passed.</summary>
internal sealed class CommandGate(TimeSpan minimumInterval)
{
    private byte[]? _lastSent;
    private long? _lastSentTimestamp;
    private byte[]? _waiting;

    public bool HasWaiting => _waiting is not null;

    /// <summary>Offers the wanted command (its bytes); returns the bytes to send now, or null.</summary>
    public byte[]? Offer(byte[] wanted, long timestamp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _waiting = _lastSent is not null && wanted.AsSpan().SequenceEqual(_lastSent) ? null : wanted;
        return Poll(timestamp, time);
    }

    /// <summary>Returns the waiting command if its turn has come.</summary>
    public byte[]? Poll(long timestamp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (_waiting is null) { return null; }
        if (_lastSentTimestamp is { } last && time.GetElapsedTime(last, timestamp) < minimumInterval) { return null; }
        byte[] send = _waiting;
        _waiting = null;
        _lastSent = send;
        _lastSentTimestamp = timestamp;
        return send;
    }

    /// <summary>Forgets what was sent (after a reconnect the mount's state is unknown, so the next command goes out).</summary>
    public void Reset()
    {
        _lastSent = null;
        _waiting = null;
    }
}
