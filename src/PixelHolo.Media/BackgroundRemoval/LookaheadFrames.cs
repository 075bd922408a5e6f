using System.Buffers;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>A decode read in order that can also read ahead: frames read ahead are copied (pooled) and handed out again, in
/// order, by <see cref="NextAsync"/>. The per-frame pass uses it to run the model on frames between a key of its own and the
/// next key before it mattes them. A frame handed out stays valid until the next call of either method.</summary>
internal sealed class LookaheadFrames(IAsyncEnumerable<ReadOnlyMemory<byte>> frames, int frameBytes, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ReadOnlyMemory<byte>> _decode = frames.GetAsyncEnumerator(cancellationToken);
    private readonly List<byte[]> _ahead = [];
    private byte[]? _current;

    /// <summary>Frames read ahead and not yet handed out.</summary>
    public int Ahead => _ahead.Count;

    /// <summary>The next frame, or null at the end.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> NextAsync()
    {
        ReturnCurrent();
        if (_ahead.Count > 0)
        {
            _current = _ahead[0];
            _ahead.RemoveAt(0);
            return _current.AsMemory(0, frameBytes);
        }
        // Not "? Current : null": null would convert to an empty ReadOnlyMemory (through byte[]), not to a null frame.
        if (!await _decode.MoveNextAsync()) { return null; }
        return _decode.Current;
    }

    /// <summary>Reads until <paramref name="count"/> frames wait ahead (fewer at the end of the video).</summary>
    public async ValueTask ReadAheadAsync(int count)
    {
        while (_ahead.Count < count && await _decode.MoveNextAsync()) { _ahead.Add(Copy(_decode.Current)); }
    }

    /// <summary>The frame <paramref name="k"/> places ahead of the one last handed out (0 = the next one).</summary>
    public ReadOnlyMemory<byte> Peek(int k) => _ahead[k].AsMemory(0, frameBytes);

    public async ValueTask DisposeAsync()
    {
        ReturnCurrent();
        foreach (byte[] frame in _ahead) { ArrayPool<byte>.Shared.Return(frame); }
        _ahead.Clear();
        await _decode.DisposeAsync();
    }

    private byte[] Copy(ReadOnlyMemory<byte> frame)
    {
        if (frame.Length != frameBytes)
        {
            throw new InvalidOperationException($"A decoded frame has {frame.Length} bytes; the video's frames have {frameBytes}. The decoder and the probed size disagree.");
        }
        byte[] copy = ArrayPool<byte>.Shared.Rent(frameBytes);
        frame.Span.CopyTo(copy);
        return copy;
    }

    private void ReturnCurrent()
    {
        if (_current is not null) { ArrayPool<byte>.Shared.Return(_current); }
        _current = null;
    }
}
