namespace PixelHolo.Tracking.Protocols.Visca;

/// <summary>Cuts a VISCA byte stream into messages: a header byte (0x80–0xFE) up to the next <c>FF</c>, at most 16 bytes.</summary>
internal sealed class ViscaFrameSplitter : IFrameSplitter
{
    /// <summary>The longest VISCA message (datasheet: 3 to 16 bytes).</summary>
    private const int MaxLength = 16;

    private readonly List<byte> _pending = new(MaxLength);

    public IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data, out int discarded)
    {
        discarded = 0;
        var frames = new List<byte[]>();
        foreach (byte b in data)
        {
            if (_pending.Count == 0)
            {
                if (b is < 0x80 or 0xFF) { discarded++; continue; } // not a header: garbage between messages
                _pending.Add(b);
                continue;
            }
            if (b is >= 0x80 and < 0xFF && _pending.Count >= 1 && IsHeaderRestart(b))
            {
                // A new header before the terminator: the previous message was cut short.
                discarded += _pending.Count;
                _pending.Clear();
                _pending.Add(b);
                continue;
            }
            _pending.Add(b);
            if (b == 0xFF)
            {
                frames.Add([.. _pending]);
                _pending.Clear();
            }
            else if (_pending.Count >= MaxLength)
            {
                discarded += _pending.Count;
                _pending.Clear();
            }
        }
        return frames;
    }

    // Bytes after the header are below 0x80 except the terminator, so any other high byte starts a message.
    private static bool IsHeaderRestart(byte b) => b != 0xFF;
}
