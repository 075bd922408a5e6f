namespace PixelHolo.Tracking.Protocols.Visca;

/// <summary>Sony VISCA pan/tilt commands and replies (EVI-D70 / EVI-H100S command lists). Messages start with
/// <c>8x</c> (x = camera address 1..7) and end with <c>FF</c>; replies start with <c>(8+x)0</c>, e.g. <c>90</c> for camera 1.</summary>
internal sealed class ViscaProtocol : IMountProtocol
{
    /// <summary>Top pan speed <c>0x18</c> and tilt speed <c>0x14</c> (datasheet ranges 01–18 and 01–14).</summary>
    public const byte MaxPanSpeed = 0x18;

    public const byte MaxTiltSpeed = 0x14;

    /// <summary>Position units per degree: the EVI-D70 maps ±170° of pan to ±0x08DB (2267).</summary>
    public const float UnitsPerDegree = 2267f / 170f;

    private const byte Terminator = 0xFF;

    private readonly byte _header;
    private readonly byte _replyHeader;

    public ViscaProtocol(int address = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 7);
        _header = (byte)(0x80 | address);
        _replyHeader = (byte)((address + 8) << 4); // camera 1 answers 90
    }

    public string Name => "visca";

    /// <summary><c>8x 01 06 01 VV WW XX YY FF</c>: VV pan speed, WW tilt speed, XX 01 left / 02 right / 03 stop,
    /// YY 01 up / 02 down / 03 stop.</summary>
    public byte[] PanTiltDrive(byte panSpeed, byte tiltSpeed, byte panDirection, byte tiltDirection) =>
        [_header, 0x01, 0x06, 0x01, panSpeed, tiltSpeed, panDirection, tiltDirection, Terminator];

    /// <summary><c>8x 01 06 04 FF</c>.</summary>
    public byte[] Home() => [_header, 0x01, 0x06, 0x04, Terminator];

    /// <summary><c>8x 01 06 02 VV WW 0Y 0Y 0Y 0Y 0Z 0Z 0Z 0Z FF</c>: pan position Y and tilt position Z as signed 16-bit
    /// values, one nibble per byte.</summary>
    public byte[] AbsolutePosition(byte panSpeed, byte tiltSpeed, short pan, short tilt)
    {
        byte[] message = new byte[15];
        message[0] = _header;
        message[1] = 0x01;
        message[2] = 0x06;
        message[3] = 0x02;
        message[4] = panSpeed;
        message[5] = tiltSpeed;
        WriteNibbles(message.AsSpan(6, 4), pan);
        WriteNibbles(message.AsSpan(10, 4), tilt);
        message[14] = Terminator;
        return message;
    }

    /// <summary><c>8x 09 06 12 FF</c>: pan-tilt position inquiry.</summary>
    public byte[] PositionInquiry() => [_header, 0x09, 0x06, 0x12, Terminator];

    public byte[] EncodeCommand(MountCommand command) => command.Kind switch
    {
        MountCommandKind.Drive => PanTiltDrive(
            Level(command.Pan, MaxPanSpeed), Level(command.Tilt, MaxTiltSpeed),
            command.Pan > 0 ? (byte)0x02 : command.Pan < 0 ? (byte)0x01 : (byte)0x03,
            command.Tilt > 0 ? (byte)0x01 : command.Tilt < 0 ? (byte)0x02 : (byte)0x03),
        MountCommandKind.Stop => PanTiltDrive(0x01, 0x01, 0x03, 0x03),
        // Home has no speed; a slow return is an absolute move to (0, 0) at the chosen speed.
        MountCommandKind.Home when command.Speed < 1 => AbsolutePosition(Level(command.Speed, MaxPanSpeed), Level(command.Speed, MaxTiltSpeed), 0, 0),
        MountCommandKind.Home => Home(),
        MountCommandKind.GoTo => AbsolutePosition(Level(command.Speed, MaxPanSpeed), Level(command.Speed, MaxTiltSpeed),
            ToUnits(command.Pan), ToUnits(command.Tilt)),
        _ => PositionInquiry(),
    };

    public IFrameSplitter CreateSplitter() => new ViscaFrameSplitter();

    /// <summary>ACK <c>y0 4z FF</c>, completion <c>y0 5z FF</c>, error <c>y0 6z ee FF</c>, position <c>y0 50 0p 0p 0p 0p 0t 0t 0t 0t FF</c>.</summary>
    public MountReply DecodeReply(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 3 || frame[^1] != Terminator) { return MountReply.Unknown("not a VISCA message"); }
        if (frame[0] != _replyHeader) { return MountReply.Unknown($"reply header {frame[0]:X2}, expected {_replyHeader:X2}"); }
        int kind = frame[1] & 0xF0, socket = frame[1] & 0x0F;
        return (kind, frame.Length) switch
        {
            (0x40, 3) => new MountReply(MountReplyKind.Ack, socket),
            (0x50, 3) => new MountReply(MountReplyKind.Completion, socket),
            (0x50, 11) when socket == 0 && NibblesValid(frame[2..10]) => new MountReply(MountReplyKind.Position,
                PanDegrees: ReadNibbles(frame.Slice(2, 4)) / UnitsPerDegree, TiltDegrees: ReadNibbles(frame.Slice(6, 4)) / UnitsPerDegree),
            (0x60, 4) => new MountReply(MountReplyKind.Error, socket, frame[2], Message: ErrorText(frame[2])),
            _ => MountReply.Unknown($"VISCA reply {MountProtocols.Hex(frame)}"),
        };
    }

    public MountCommand? DecodeCommand(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 5 || frame[0] != _header || frame[^1] != Terminator) { return null; }
        ReadOnlySpan<byte> body = frame[1..^1];
        if (body is [0x01, 0x06, 0x01, var vv, var ww, var xx, var yy] && xx is >= 1 and <= 3 && yy is >= 1 and <= 3)
        {
            float pan = xx == 0x03 ? 0 : (xx == 0x02 ? 1 : -1) * Math.Min(vv, MaxPanSpeed) / (float)MaxPanSpeed;
            float tilt = yy == 0x03 ? 0 : (yy == 0x01 ? 1 : -1) * Math.Min(ww, MaxTiltSpeed) / (float)MaxTiltSpeed;
            return MountCommand.Drive(pan, tilt);
        }
        if (body is [0x01, 0x06, 0x04]) { return MountCommand.Home(1); }
        if (body.Length == 13 && body[0] == 0x01 && body[1] == 0x06 && body[2] == 0x02 && NibblesValid(body[5..13]))
        {
            return MountCommand.GoTo(ReadNibbles(body.Slice(5, 4)) / UnitsPerDegree, ReadNibbles(body.Slice(9, 4)) / UnitsPerDegree,
                Math.Min(body[3], MaxPanSpeed) / (float)MaxPanSpeed);
        }
        if (body is [0x09, 0x06, 0x12]) { return MountCommand.PositionInquiry; }
        return null;
    }

    public IReadOnlyList<byte[]> EncodeReplies(MountCommand? command, float panDegrees, float tiltDegrees)
    {
        if (command is null) { return [[_replyHeader, 0x60, 0x02, Terminator]]; } // syntax error
        if (command.Value.Kind == MountCommandKind.PositionInquiry)
        {
            byte[] reply = new byte[11];
            reply[0] = _replyHeader;
            reply[1] = 0x50;
            WriteNibbles(reply.AsSpan(2, 4), ToUnits(panDegrees));
            WriteNibbles(reply.AsSpan(6, 4), ToUnits(tiltDegrees));
            reply[10] = Terminator;
            return [reply];
        }
        return [[_replyHeader, 0x41, Terminator], [_replyHeader, 0x51, Terminator]];
    }

    /// <summary>Speed level for a fraction of top speed: at least 1 when moving at all.</summary>
    internal static byte Level(float fraction, byte max) =>
        fraction == 0 ? (byte)0x01 : (byte)Math.Clamp((int)MathF.Round(MathF.Abs(fraction) * max), 1, max);

    private static short ToUnits(float degrees) => (short)Math.Clamp(MathF.Round(degrees * UnitsPerDegree), short.MinValue, short.MaxValue);

    private static void WriteNibbles(Span<byte> target, short value)
    {
        ushort bits = unchecked((ushort)value);
        for (int i = 0; i < 4; i++) { target[i] = (byte)((bits >> (12 - (4 * i))) & 0x0F); }
    }

    private static short ReadNibbles(ReadOnlySpan<byte> source)
    {
        int bits = 0;
        for (int i = 0; i < 4; i++) { bits = (bits << 4) | (source[i] & 0x0F); }
        return unchecked((short)bits);
    }

    private static bool NibblesValid(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (b > 0x0F) { return false; }
        }
        return true;
    }

    private static string ErrorText(byte code) => code switch
    {
        0x01 => "message length error",
        0x02 => "syntax error",
        0x03 => "command buffer full",
        0x04 => "command cancelled",
        0x05 => "no socket",
        0x41 => "command not executable",
        _ => "unknown error",
    };
}
