namespace PixelHolo.Tracking.Protocols.PelcoD;

/// <summary>Pelco-D: seven-byte messages <c>FF addr cmd1 cmd2 data1 data2 checksum</c>, checksum = (addr + cmd1 + cmd2 +
/// data1 + data2) mod 256. In cmd2, 0x02 = right, 0x04 = left, 0x08 = up, 0x10 = down; data1 = pan speed and data2 =
/// tilt speed, 0x00–0x3F. Mounts send no acknowledgement for moves; position queries (0x51 pan, 0x53 tilt) are answered
/// with 0x59 / 0x5B and the angle in hundredths of a degree.</summary>
internal sealed class PelcoDProtocol : IMountProtocol
{
    public const byte MaxSpeed = 0x3F;

    /// <summary>Home is "go to preset 1": store the wanted home position as preset 1 on the mount.</summary>
    public const byte HomePreset = 1;

    private const byte Sync = 0xFF;

    private readonly byte _address;

    public PelcoDProtocol(int address = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 255);
        _address = (byte)address;
    }

    public string Name => "pelco-d";

    public byte[] Message(byte command1, byte command2, byte data1, byte data2) =>
        [Sync, _address, command1, command2, data1, data2, (byte)(_address + command1 + command2 + data1 + data2)];

    public byte[] EncodeCommand(MountCommand command) => command.Kind switch
    {
        MountCommandKind.Drive => Message(0x00,
            (byte)((command.Pan > 0 ? 0x02 : command.Pan < 0 ? 0x04 : 0) | (command.Tilt > 0 ? 0x08 : command.Tilt < 0 ? 0x10 : 0)),
            Level(command.Pan), Level(command.Tilt)),
        MountCommandKind.Stop => Message(0x00, 0x00, 0x00, 0x00),
        MountCommandKind.Home => Message(0x00, 0x07, 0x00, HomePreset),
        // Absolute pan/tilt (0x4B / 0x4D, hundredths of a degree) is an extended command; most mounts accept it.
        MountCommandKind.GoTo => [.. Message(0x00, 0x4B, High(command.Pan), Low(command.Pan)),
            .. Message(0x00, 0x4D, High(command.Tilt), Low(command.Tilt))],
        _ => [.. Message(0x00, 0x51, 0x00, 0x00), .. Message(0x00, 0x53, 0x00, 0x00)],
    };

    public IFrameSplitter CreateSplitter() => new PelcoDFrameSplitter();

    public MountReply DecodeReply(ReadOnlySpan<byte> frame)
    {
        if (!IsValid(frame)) { return MountReply.Unknown($"Pelco-D frame {MountProtocols.Hex(frame)} has a bad sync, address or checksum"); }
        float degrees = ((frame[4] << 8) | frame[5]) / 100f;
        return frame[3] switch
        {
            0x59 => new MountReply(MountReplyKind.Position, PanDegrees: ToSigned(degrees), Axis: PositionAxis.Pan),
            0x5B => new MountReply(MountReplyKind.Position, TiltDegrees: ToSigned(degrees), Axis: PositionAxis.Tilt),
            _ => MountReply.Unknown($"Pelco-D reply {MountProtocols.Hex(frame)}"),
        };
    }

    public MountCommand? DecodeCommand(ReadOnlySpan<byte> frame)
    {
        if (!IsValid(frame) || frame[2] != 0x00) { return null; }
        byte command2 = frame[3];
        if ((command2 & 0x01) == 0 && (command2 & ~0x1E) == 0)
        {
            float pan = (command2 & 0x02) != 0 ? Fraction(frame[4]) : (command2 & 0x04) != 0 ? -Fraction(frame[4]) : 0;
            float tilt = (command2 & 0x08) != 0 ? Fraction(frame[5]) : (command2 & 0x10) != 0 ? -Fraction(frame[5]) : 0;
            return MountCommand.Drive(pan, tilt);
        }
        return command2 switch
        {
            0x07 when frame[5] == HomePreset => MountCommand.Home(1),
            // Pelco-D asks one axis at a time; the inquiry says which (Pan or Tilt set to 1) so the answer matches.
            0x51 => MountCommand.PositionInquiry with { Pan = 1 },
            0x53 => MountCommand.PositionInquiry with { Tilt = 1 },
            _ => null,
        };
    }

    public IReadOnlyList<byte[]> EncodeReplies(MountCommand? command, float panDegrees, float tiltDegrees)
    {
        if (command is not { Kind: MountCommandKind.PositionInquiry } inquiry) { return []; }
        byte[] pan = Message(0x00, 0x59, High(panDegrees), Low(panDegrees));
        byte[] tilt = Message(0x00, 0x5B, High(tiltDegrees), Low(tiltDegrees));
        return inquiry.Pan == 1 ? [pan] : inquiry.Tilt == 1 ? [tilt] : [pan, tilt];
    }

    private bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length == 7 && frame[0] == Sync && frame[1] == _address && (byte)(frame[1] + frame[2] + frame[3] + frame[4] + frame[5]) == frame[6];

    private static byte Level(float fraction) =>
        fraction == 0 ? (byte)0 : (byte)Math.Clamp((int)MathF.Round(MathF.Abs(fraction) * MaxSpeed), 1, MaxSpeed);

    private static float Fraction(byte level) => Math.Min(level, MaxSpeed) / (float)MaxSpeed;

    /// <summary>Angle as 0..35999 hundredths of a degree (negative angles wrap), high and low byte.</summary>
    private static int Hundredths(float degrees) => ((((int)MathF.Round(degrees * 100)) % 36000) + 36000) % 36000;

    private static byte High(float degrees) => (byte)(Hundredths(degrees) >> 8);

    private static byte Low(float degrees) => (byte)(Hundredths(degrees) & 0xFF);

    private static float ToSigned(float degrees) => degrees > 180 ? degrees - 360 : degrees;
}
