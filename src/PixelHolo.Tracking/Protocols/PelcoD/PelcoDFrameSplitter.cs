namespace PixelHolo.Tracking.Protocols.PelcoD;

/// <summary>Cuts a Pelco-D stream into seven-byte frames that start with <c>FF</c> and carry a valid checksum;
/// on a bad checksum it slides one byte and looks for the next sync.</summary>
internal sealed class PelcoDFrameSplitter : IFrameSplitter
{
    private const int Length = 7;
    private readonly List<byte> _pending = new(Length * 2);

    public IReadOnlyList<byte[]> Push(ReadOnlySpan<byte> data, out int discarded)
    {
        discarded = 0;
        var frames = new List<byte[]>();
        foreach (byte b in data) { _pending.Add(b); }
        while (_pending.Count > 0)
        {
            if (_pending[0] != 0xFF) { _pending.RemoveAt(0); discarded++; continue; }
            if (_pending.Count < Length) { break; }
            byte sum = (byte)(_pending[1] + _pending[2] + _pending[3] + _pending[4] + _pending[5]);
            if (sum != _pending[6]) { _pending.RemoveAt(0); discarded++; continue; }
            frames.Add([.. _pending.GetRange(0, Length)]);
            _pending.RemoveRange(0, Length);
        }
        return frames;
    }
}
