using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Visca;

namespace PixelHolo.Tracking.Tests.Protocols.Visca;

public sealed class ViscaProtocolTests
{
    private readonly ViscaProtocol _visca = new(address: 1);

    [Fact]
    public void PanTiltDrive_Speed24RightTiltStop_MatchesDatasheetBytes() =>
        Assert.Equal(Bytes("81 01 06 01 18 01 02 03 FF"), _visca.PanTiltDrive(0x18, 0x01, 0x02, 0x03));

    [Theory]
    [InlineData(1f, 0f, "81 01 06 01 18 01 02 03 FF")]      // full right, tilt stop
    [InlineData(-0.5f, 1f, "81 01 06 01 0C 14 01 01 FF")]   // half left, full up (tilt top speed 0x14)
    [InlineData(0f, -0.25f, "81 01 06 01 01 05 03 02 FF")]  // pan stop, quarter down
    [InlineData(0.01f, 0f, "81 01 06 01 01 01 02 03 FF")]   // the slowest move is speed 1, never 0
    public void EncodeCommand_Drive_MatchesDatasheetBytes(float pan, float tilt, string expected) =>
        Assert.Equal(Bytes(expected), _visca.EncodeCommand(MountCommand.Drive(pan, tilt)));

    [Fact]
    public void EncodeCommand_Stop_IsDriveWithBothAxesStopped() =>
        Assert.Equal(Bytes("81 01 06 01 01 01 03 03 FF"), _visca.EncodeCommand(MountCommand.Stop));

    [Fact]
    public void EncodeCommand_HomeAtFullSpeed_IsHomeCommand() =>
        Assert.Equal(Bytes("81 01 06 04 FF"), _visca.EncodeCommand(MountCommand.Home(1)));

    [Fact]
    public void EncodeCommand_SlowHome_IsAbsolutePositionZeroAtThatSpeed() =>
        Assert.Equal(Bytes("81 01 06 02 05 04 00 00 00 00 00 00 00 00 FF"), _visca.EncodeCommand(MountCommand.Home(0.2f)));

    [Fact]
    public void AbsolutePosition_NegativePan_WritesSignedNibbles() =>
        Assert.Equal(Bytes("81 01 06 02 18 14 0F 0F 0F 0F 00 01 02 03 FF"), _visca.AbsolutePosition(0x18, 0x14, -1, 0x0123));

    [Fact]
    public void EncodeCommand_PositionInquiry_MatchesDatasheetBytes() =>
        Assert.Equal(Bytes("81 09 06 12 FF"), _visca.EncodeCommand(MountCommand.PositionInquiry));

    [Fact]
    public void Header_Camera3_UsesItsAddressAndExpectsRepliesFromB0()
    {
        var camera3 = new ViscaProtocol(address: 3);

        Assert.Equal(Bytes("83 01 06 04 FF"), camera3.Home());
        Assert.Equal(MountReplyKind.Ack, camera3.DecodeReply(Bytes("B0 41 FF")).Kind);
        Assert.Equal(MountReplyKind.Unknown, camera3.DecodeReply(Bytes("90 41 FF")).Kind);
    }

    [Fact]
    public void DecodeReply_Ack_ReadsSocket()
    {
        MountReply reply = _visca.DecodeReply(Bytes("90 41 FF"));

        Assert.Equal(MountReplyKind.Ack, reply.Kind);
        Assert.Equal(1, reply.Socket);
    }

    [Fact]
    public void DecodeReply_Completion_ReadsSocket()
    {
        MountReply reply = _visca.DecodeReply(Bytes("90 52 FF"));

        Assert.Equal(MountReplyKind.Completion, reply.Kind);
        Assert.Equal(2, reply.Socket);
    }

    [Theory]
    [InlineData("90 60 02 FF", 0, 0x02, "syntax error")]
    [InlineData("90 61 41 FF", 1, 0x41, "command not executable")]
    [InlineData("90 60 03 FF", 0, 0x03, "command buffer full")]
    public void DecodeReply_Error_ReadsSocketAndCode(string hex, int socket, int code, string text)
    {
        MountReply reply = _visca.DecodeReply(Bytes(hex));

        Assert.Equal(MountReplyKind.Error, reply.Kind);
        Assert.Equal(socket, reply.Socket);
        Assert.Equal(code, reply.ErrorCode);
        Assert.Equal(text, reply.Message);
    }

    [Fact]
    public void DecodeReply_PositionInquiryReply_ConvertsUnitsToDegrees()
    {
        // pan 0x08DB = +170°, tilt 0xFF9C = -100 units
        MountReply reply = _visca.DecodeReply(Bytes("90 50 00 08 0D 0B 0F 0F 09 0C FF"));

        Assert.Equal(MountReplyKind.Position, reply.Kind);
        Assert.Equal(170f, reply.PanDegrees, 2);
        Assert.Equal(-100 / ViscaProtocol.UnitsPerDegree, reply.TiltDegrees, 3);
    }

    [Theory]
    [InlineData("90 41")]                 // no terminator
    [InlineData("90 7F FF")]              // unknown reply type
    [InlineData("90 50 10 00 00 00 00 00 00 00 FF")] // a position nibble above 0x0F
    public void DecodeReply_Malformed_IsUnknown(string hex) =>
        Assert.Equal(MountReplyKind.Unknown, _visca.DecodeReply(Bytes(hex)).Kind);

    [Fact]
    public void DecodeCommand_EncodedCommands_RoundTrip()
    {
        Assert.Equal(MountCommand.Drive(-0.5f, 1f), _visca.DecodeCommand(_visca.EncodeCommand(MountCommand.Drive(-0.5f, 1f))));
        Assert.Equal(MountCommand.Stop, _visca.DecodeCommand(_visca.EncodeCommand(MountCommand.Stop)));
        Assert.Equal(MountCommandKind.Home, _visca.DecodeCommand(_visca.Home())!.Value.Kind);
        Assert.Equal(MountCommand.PositionInquiry, _visca.DecodeCommand(_visca.PositionInquiry()));
        MountCommand goTo = _visca.DecodeCommand(_visca.EncodeCommand(MountCommand.GoTo(10f, -5f, 0.5f)))!.Value;
        Assert.Equal(10f, goTo.Pan, 1);
        Assert.Equal(-5f, goTo.Tilt, 1);
        Assert.Null(_visca.DecodeCommand(Bytes("81 01 04 07 02 FF"))); // a zoom command: not ours
    }

    [Fact]
    public void EncodeReplies_Command_AckThenCompletion() =>
        Assert.Equal([Bytes("90 41 FF"), Bytes("90 51 FF")], _visca.EncodeReplies(MountCommand.Stop, 0, 0));

    [Fact]
    public void EncodeReplies_NotUnderstood_SyntaxError() =>
        Assert.Equal([Bytes("90 60 02 FF")], _visca.EncodeReplies(null, 0, 0));

    [Fact]
    public void EncodeReplies_Inquiry_PositionInUnits() =>
        Assert.Equal([Bytes("90 50 00 08 0D 0B 00 00 00 00 FF")], _visca.EncodeReplies(MountCommand.PositionInquiry, 170f, 0f));

    internal static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
