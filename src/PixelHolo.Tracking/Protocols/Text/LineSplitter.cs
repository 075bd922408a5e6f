namespace PixelHolo.Tracking.Protocols.Text;

/// <summary>Cuts a stream into lines ending in <c>\n</c> (a <c>\r</c> before it is dropped). Lines longer than
/// 80 characters or holding non-ASCII bytes are garbage and dropped.</summary>
internal sealed class LineSplitter : IFrameSplitter
{
    private const int MaxLength = 80;
    private readonly List<byte> _pending = new(MaxLength);
    private bool _dropping;

    public IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data, out int discarded)
    {
        discarded = 0;
        var lines = new List<byte[]>();
        foreach (byte b in data)
        {
            if (b == (byte)'\n')
            {
                if (_dropping) { discarded++; }
                else if (_pending.Count > 0) { lines.Add([.. _pending]); }
                _pending.Clear();
                _dropping = false;
                continue;
            }
            if (b == (byte)'\r') { continue; }
            if (_dropping) { discarded++; continue; }
            if (b >= 0x80 || _pending.Count >= MaxLength)
            {
                _dropping = true;
                discarded += _pending.Count + 1;
                _pending.Clear();
                continue;
            }
            _pending.Add(b);
        }
        return lines;
    }
}
