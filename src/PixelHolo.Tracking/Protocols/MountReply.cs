namespace PixelHolo.Tracking.Protocols;

/// <summary>Kinds of message a mount sends back.</summary>
internal enum MountReplyKind
{
    /// <summary>Not understood (garbage on the line, a bad checksum, an unknown message); logged and ignored.</summary>
    Unknown,

    /// <summary>Command accepted (VISCA <c>90 4y FF</c>, text <c>OK</c>).</summary>
    Ack,

    /// <summary>Command finished (VISCA <c>90 5y FF</c>).</summary>
    Completion,

    /// <summary>Command refused (VISCA <c>90 6y 0z FF</c>, text <c>ERR …</c>).</summary>
    Error,

    /// <summary>Answer to a position inquiry; one axis only for Pelco-D (<see cref="MountReply.Axis"/>).</summary>
    Position,
}

/// <summary>A parsed reply. Position is in degrees; for Pelco-D one reply carries one axis.</summary>
internal sealed record MountReply(
    MountReplyKind Kind,
    int Socket = 0,
    int ErrorCode = 0,
    float PanDegrees = 0,
    float TiltDegrees = 0,
    PositionAxis Axis = PositionAxis.Both,
    string? Message = null)
{
    public static MountReply Unknown(string why) => new(MountReplyKind.Unknown, Message: why);

    public override string ToString() => Kind switch
    {
        MountReplyKind.Ack => $"ACK (socket {Socket})",
        MountReplyKind.Completion => $"completion (socket {Socket})",
        MountReplyKind.Error => $"error 0x{ErrorCode:X2} (socket {Socket}){(Message is null ? "" : ": " + Message)}",
        MountReplyKind.Position => FormattableString.Invariant($"position pan {PanDegrees:F2}°, tilt {TiltDegrees:F2}° ({Axis})"),
        _ => $"unrecognised reply ({Message})",
    };
}

internal enum PositionAxis
{
    Both,
    Pan,
    Tilt,
}
