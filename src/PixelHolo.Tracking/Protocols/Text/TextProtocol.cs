using System.Globalization;
using System.Text;

namespace PixelHolo.Tracking.Protocols.Text;

/// <summary>A line protocol for hobby mounts (two hobby servos on a microcontroller), ASCII, one command per line ending in
/// <c>\n</c>: <c>PAN -12.5</c> / <c>TILT 4.0</c> (speed in degrees per second; positive = right / up, 0 = stop that
/// axis), <c>STOP</c>, <c>HOME 12.0</c> (return at that speed), <c>GOTO 10.0 -5.0 30.0</c> (pan, tilt, speed) and
/// <c>POS?</c>. The mount answers <c>OK</c>, <c>ERR reason</c>, or <c>POS pan tilt</c> in degrees. See docs/tracking.md.</summary>
internal sealed class TextProtocol : IMountProtocol
{
    public const float DefaultMaxDegreesPerSecond = 60;

    private readonly float _maxDegreesPerSecond;

    public TextProtocol(float maxDegreesPerSecond = DefaultMaxDegreesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDegreesPerSecond, 0);
        _maxDegreesPerSecond = maxDegreesPerSecond;
    }

    public string Name => "text";

    public byte[] EncodeCommand(MountCommand command) => Encoding.ASCII.GetBytes(command.Kind switch
    {
        MountCommandKind.Drive => Invariant($"PAN {command.Pan * _maxDegreesPerSecond:F1}\nTILT {command.Tilt * _maxDegreesPerSecond:F1}\n"),
        MountCommandKind.Stop => "STOP\n",
        MountCommandKind.Home => Invariant($"HOME {command.Speed * _maxDegreesPerSecond:F1}\n"),
        MountCommandKind.GoTo => Invariant($"GOTO {command.Pan:F1} {command.Tilt:F1} {command.Speed * _maxDegreesPerSecond:F1}\n"),
        _ => "POS?\n",
    });

    public IFrameSplitter CreateSplitter() => new LineSplitter();

    public MountReply DecodeReply(ReadOnlySpan<byte> frame)
    {
        string[] words = Words(frame);
        return words switch
        {
            ["OK"] => new MountReply(MountReplyKind.Ack),
            ["ERR", .. var why] => new MountReply(MountReplyKind.Error, Message: why.Length > 0 ? string.Join(' ', why) : "no reason given"),
            ["POS", var pan, var tilt] when TryNumber(pan, out float p) && TryNumber(tilt, out float t) =>
                new MountReply(MountReplyKind.Position, PanDegrees: p, TiltDegrees: t),
            _ => MountReply.Unknown($"text reply '{Encoding.ASCII.GetString(frame).Trim()}'"),
        };
    }

    /// <summary>The simulated mount's side. A <c>PAN</c> or <c>TILT</c> line changes one axis; the other is carried in
    /// <see cref="MountCommand.Speed"/> = NaN so the caller keeps its current speed.</summary>
    public MountCommand? DecodeCommand(ReadOnlySpan<byte> frame)
    {
        string[] words = Words(frame);
        return words switch
        {
            ["PAN", var v] when TryNumber(v, out float speed) => new MountCommand(MountCommandKind.Drive, Fraction(speed), float.NaN),
            ["TILT", var v] when TryNumber(v, out float speed) => new MountCommand(MountCommandKind.Drive, float.NaN, Fraction(speed)),
            ["STOP"] => MountCommand.Stop,
            ["HOME"] => MountCommand.Home(1),
            ["HOME", var v] when TryNumber(v, out float speed) => MountCommand.Home(Fraction(speed)),
            ["GOTO", var p, var t, var v] when TryNumber(p, out float pan) && TryNumber(t, out float tilt) && TryNumber(v, out float speed) =>
                MountCommand.GoTo(pan, tilt, Fraction(speed)),
            ["POS?"] => MountCommand.PositionInquiry,
            _ => null,
        };
    }

    public IReadOnlyList<byte[]> EncodeReplies(MountCommand? command, float panDegrees, float tiltDegrees) => command switch
    {
        null => [Encoding.ASCII.GetBytes("ERR unknown command\n")],
        { Kind: MountCommandKind.PositionInquiry } => [Encoding.ASCII.GetBytes(Invariant($"POS {panDegrees:F1} {tiltDegrees:F1}\n"))],
        _ => [Encoding.ASCII.GetBytes("OK\n")],
    };

    private float Fraction(float degreesPerSecond) => Math.Clamp(degreesPerSecond / _maxDegreesPerSecond, -1, 1);

    private static string[] Words(ReadOnlySpan<byte> frame) =>
        Encoding.ASCII.GetString(frame).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryNumber(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
