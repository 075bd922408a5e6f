using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.PelcoD;
using static PixelHolo.Tracking.Tests.Protocols.Visca.ViscaProtocolTests;

namespace PixelHolo.Tracking.Tests.Protocols.PelcoD;

public sealed class PelcoDProtocolTests
{
    private readonly PelcoDProtocol _pelco = new(address: 1);

    [Fact]
    public void EncodeCommand_PanLeftFullSpeed_MatchesDatasheetExample() =>
        Assert.Equal(Bytes("FF 01 00 04 3F 00 44"), _pelco.EncodeCommand(MountCommand.Drive(-1f, 0f)));

    [Fact]
    public void EncodeCommand_PanRightAndTiltUp_SetsBothBitsAndSpeeds()
    {
        // cmd2 = right 0x02 | up 0x08; pan speed 0x20, tilt 0x10; checksum 01+00+0A+20+10 = 0x3B
        Assert.Equal(Bytes("FF 01 00 0A 20 10 3B"), _pelco.EncodeCommand(MountCommand.Drive(32 / 63f, 16 / 63f)));
    }

    [Fact]
    public void EncodeCommand_TiltDown_Sets0x10() =>
        Assert.Equal(Bytes("FF 01 00 10 00 3F 50"), _pelco.EncodeCommand(MountCommand.Drive(0f, -1f)));

    [Fact]
    public void EncodeCommand_Stop_IsAllZero() =>
        Assert.Equal(Bytes("FF 01 00 00 00 00 01"), _pelco.EncodeCommand(MountCommand.Stop));

    [Fact]
    public void EncodeCommand_Home_GoesToPreset1() =>
        Assert.Equal(Bytes("FF 01 00 07 00 01 09"), _pelco.EncodeCommand(MountCommand.Home(0.2f)));

    [Fact]
    public void EncodeCommand_PositionInquiry_QueriesPanThenTilt() =>
        Assert.Equal(Bytes("FF 01 00 51 00 00 52 FF 01 00 53 00 00 54"), _pelco.EncodeCommand(MountCommand.PositionInquiry));

    [Fact]
    public void Message_Address5_ChecksumIsSumModulo256() =>
        Assert.Equal(Bytes("FF 05 00 02 3F 3F 85"), new PelcoDProtocol(5).Message(0x00, 0x02, 0x3F, 0x3F));

    [Fact]
    public void DecodeReply_PanPosition_ReadsHundredthsOfADegree()
    {
        MountReply reply = _pelco.DecodeReply(Bytes("FF 01 00 59 23 28 A5")); // 0x2328 = 9000 = 90.00°

        Assert.Equal(MountReplyKind.Position, reply.Kind);
        Assert.Equal(PositionAxis.Pan, reply.Axis);
        Assert.Equal(90f, reply.PanDegrees, 2);
    }

    [Fact]
    public void DecodeReply_TiltPositionAbove180_IsNegative()
    {
        MountReply reply = _pelco.DecodeReply(Bytes("FF 01 00 5B 8C 5C 44")); // 35932 = 359.32° = -0.68°

        Assert.Equal(PositionAxis.Tilt, reply.Axis);
        Assert.Equal(-0.68f, reply.TiltDegrees, 2);
    }

    [Fact]
    public void DecodeReply_BadChecksum_IsUnknown() =>
        Assert.Equal(MountReplyKind.Unknown, _pelco.DecodeReply(Bytes("FF 01 00 59 23 28 A6")).Kind);

    [Fact]
    public void DecodeCommand_EncodedCommands_RoundTrip()
    {
        Assert.Equal(MountCommand.Drive(-1f, 0f), _pelco.DecodeCommand(Bytes("FF 01 00 04 3F 00 44")));
        Assert.Equal(MountCommand.Stop, _pelco.DecodeCommand(Bytes("FF 01 00 00 00 00 01")));
        Assert.Equal(MountCommandKind.Home, _pelco.DecodeCommand(Bytes("FF 01 00 07 00 01 09"))!.Value.Kind);
        Assert.Null(_pelco.DecodeCommand(Bytes("FF 02 00 04 3F 00 45"))); // another address
    }

    [Fact]
    public void EncodeReplies_PanQuery_AnswersPanOnly() =>
        Assert.Equal([Bytes("FF 01 00 59 23 28 A5")], _pelco.EncodeReplies(_pelco.DecodeCommand(Bytes("FF 01 00 51 00 00 52")), 90f, 0f));

    [Fact]
    public void Splitter_GarbageAndBadChecksum_Resynchronises()
    {
        IFrameSplitter splitter = _pelco.CreateSplitter();

        var frames = splitter.Push(Bytes("00 13 FF 01 00 04 3F 00 45 FF 01 00 04 3F 00 44"), out int discarded);

        Assert.Equal([Bytes("FF 01 00 04 3F 00 44")], frames);
        Assert.True(discarded >= 3, $"discarded {discarded}");
    }
}
