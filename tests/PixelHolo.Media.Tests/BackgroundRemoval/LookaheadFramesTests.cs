using System.Runtime.CompilerServices;
using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class LookaheadFramesTests
{
    private const int FrameBytes = 12;

    [Fact]
    public async Task NextAsync_AfterReadingAhead_EveryFrameOnceInOrderAndPeekSeesTheFramesAhead()
    {
        await using var frames = new LookaheadFrames(Decode(6), FrameBytes, CancellationToken.None);
        var seen = new List<int>();

        seen.Add((await frames.NextAsync())!.Value.Span[0]);
        await frames.ReadAheadAsync(3);
        Assert.Equal(3, frames.Ahead);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(k => (int)frames.Peek(k).Span[0]));
        while (await frames.NextAsync() is { } frame)
        {
            Assert.Equal(FrameBytes, frame.Length);
            seen.Add(frame.Span[0]);
        }

        Assert.Equal([0, 1, 2, 3, 4, 5], seen);
        Assert.Equal(0, frames.Ahead);
    }

    [Fact]
    public async Task ReadAheadAsync_PastTheEnd_StopsAtTheLastFrameAndTheEndIsNull()
    {
        await using var frames = new LookaheadFrames(Decode(3), FrameBytes, CancellationToken.None);

        await frames.NextAsync();
        await frames.ReadAheadAsync(10);

        Assert.Equal(2, frames.Ahead);
        Assert.Equal(1, (await frames.NextAsync())!.Value.Span[0]);
        Assert.Equal(2, (await frames.NextAsync())!.Value.Span[0]);
        Assert.Null(await frames.NextAsync());   // not an empty frame
    }

    [Fact]
    public async Task ReadAheadAsync_FrameOfAnotherSize_SaysSo()
    {
        await using var frames = new LookaheadFrames(Decode(3, lastBytes: 5), FrameBytes, CancellationToken.None);

        await frames.NextAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => frames.ReadAheadAsync(2).AsTask());

        Assert.Contains("5 bytes", error.Message);
    }

    /// <summary>Like the ffmpeg reader: one buffer, overwritten by every read, so a frame must be copied to be kept.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Decode(int count, int lastBytes = FrameBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[FrameBytes];
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            Array.Fill(buffer, (byte)i);
            yield return buffer.AsMemory(0, i == count - 1 ? lastBytes : FrameBytes);
        }
    }
}
