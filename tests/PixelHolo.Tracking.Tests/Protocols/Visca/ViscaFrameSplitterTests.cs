using PixelHolo.Tracking.Protocols.Visca;
using static PixelHolo.Tracking.Tests.Protocols.Visca.ViscaProtocolTests;

namespace PixelHolo.Tracking.Tests.Protocols.Visca;

public sealed class ViscaFrameSplitterTests
{
    [Fact]
    public void Push_MessagesSplitAcrossReads_ReassemblesThem()
    {
        var splitter = new ViscaFrameSplitter();

        var first = splitter.Push(Bytes("90 41 FF 90"), out int d1);
        var second = splitter.Push(Bytes("51 FF"), out int d2);

        Assert.Equal([Bytes("90 41 FF")], first);
        Assert.Equal([Bytes("90 51 FF")], second);
        Assert.Equal(0, d1 + d2);
    }

    [Fact]
    public void Push_GarbageAndCutMessage_DropsThemAndKeepsTheValidOne()
    {
        var splitter = new ViscaFrameSplitter();

        // 12 34: noise; 90 41 (no FF) cut short by a new header; then a complete completion.
        var frames = splitter.Push(Bytes("12 34 90 41 90 51 FF"), out int discarded);

        Assert.Equal([Bytes("90 51 FF")], frames);
        Assert.Equal(4, discarded);
    }

    [Fact]
    public void Push_RunawayMessageWithoutTerminator_IsDroppedAt16Bytes()
    {
        var splitter = new ViscaFrameSplitter();

        var frames = splitter.Push([0x90, .. Enumerable.Repeat((byte)0x01, 20), 0x90, 0x41, 0xFF], out int discarded);

        Assert.Equal([Bytes("90 41 FF")], frames);
        Assert.Equal(21, discarded);
    }
}
