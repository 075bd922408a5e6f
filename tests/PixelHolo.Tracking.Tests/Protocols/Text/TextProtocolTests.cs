using System.Text;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Text;

namespace PixelHolo.Tracking.Tests.Protocols.Text;

public sealed class TextProtocolTests
{
    private readonly TextProtocol _text = new(maxDegreesPerSecond: 60);

    [Theory]
    [InlineData(0.5f, -0.25f, "PAN 30.0\nTILT -15.0\n")]
    [InlineData(-0.2083333f, 0f, "PAN -12.5\nTILT 0.0\n")]
    public void EncodeCommand_Drive_WritesDegreesPerSecondLines(float pan, float tilt, string expected) =>
        Assert.Equal(expected, Ascii(_text.EncodeCommand(MountCommand.Drive(pan, tilt))));

    [Fact]
    public void EncodeCommand_OtherCommands_WriteTheirLines()
    {
        Assert.Equal("STOP\n", Ascii(_text.EncodeCommand(MountCommand.Stop)));
        Assert.Equal("HOME 12.0\n", Ascii(_text.EncodeCommand(MountCommand.Home(0.2f))));
        Assert.Equal("GOTO 10.0 -5.0 30.0\n", Ascii(_text.EncodeCommand(MountCommand.GoTo(10, -5, 0.5f))));
        Assert.Equal("POS?\n", Ascii(_text.EncodeCommand(MountCommand.PositionInquiry)));
    }

    [Fact]
    public void DecodeReply_Lines_ParseAckErrorAndPosition()
    {
        Assert.Equal(MountReplyKind.Ack, _text.DecodeReply("OK"u8).Kind);
        MountReply error = _text.DecodeReply("ERR servo stalled"u8);
        Assert.Equal(MountReplyKind.Error, error.Kind);
        Assert.Equal("servo stalled", error.Message);
        MountReply position = _text.DecodeReply("POS 12.5 -3.0"u8);
        Assert.Equal(12.5f, position.PanDegrees);
        Assert.Equal(-3f, position.TiltDegrees);
    }

    [Theory]
    [InlineData("POS twelve 3")]
    [InlineData("HELLO")]
    [InlineData("POS 1")]
    public void DecodeReply_Malformed_IsUnknown(string line) =>
        Assert.Equal(MountReplyKind.Unknown, _text.DecodeReply(Encoding.ASCII.GetBytes(line)).Kind);

    [Fact]
    public void DecodeCommand_PanLine_ChangesPanOnly()
    {
        MountCommand command = _text.DecodeCommand("PAN -12.5"u8)!.Value;

        Assert.Equal(MountCommandKind.Drive, command.Kind);
        Assert.Equal(-12.5f / 60, command.Pan, 5);
        Assert.True(float.IsNaN(command.Tilt));
        Assert.Null(_text.DecodeCommand("PAN fast"u8));
    }

    [Fact]
    public void Splitter_CrLfLongAndBinaryLines_KeepsOnlyCleanLines()
    {
        IFrameSplitter splitter = _text.CreateSplitter();
        byte[] noise = [.. "OK\r\n"u8, .. new byte[] { 0xC3, 0x28 }, .. "\n"u8, .. Encoding.ASCII.GetBytes(new string('x', 100)), .. "\nPOS 1.0 2.0\n"u8];

        var lines = splitter.Push(noise, out int discarded);

        Assert.Equal(["OK", "POS 1.0 2.0"], lines.Select(Ascii));
        Assert.True(discarded > 100);
    }

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
