using System.Globalization;

namespace PixelHolo.Tracking.Protocols;

/// <summary>What a mount is told to do, independent of the wire protocol.</summary>
internal enum MountCommandKind
{
    /// <summary>Move at <see cref="MountCommand.Pan"/> and <see cref="MountCommand.Tilt"/> speeds (fractions -1..1 of
    /// the protocol's top speed; positive = right / up, 0 = that axis stops).</summary>
    Drive,

    /// <summary>Both axes stop.</summary>
    Stop,

    /// <summary>Return to the home position at <see cref="MountCommand.Speed"/> (a fraction 0..1 of the top speed).</summary>
    Home,

    /// <summary>Go to <see cref="MountCommand.Pan"/>, <see cref="MountCommand.Tilt"/> in degrees at <see cref="MountCommand.Speed"/>.</summary>
    GoTo,

    /// <summary>Ask for the current pan/tilt position.</summary>
    PositionInquiry,
}

/// <summary>One mount command. Speeds are fractions of the protocol's top speed so the controller need not know the protocol.</summary>
internal readonly record struct MountCommand(MountCommandKind Kind, float Pan = 0, float Tilt = 0, float Speed = 1)
{
    public static MountCommand Stop { get; } = new(MountCommandKind.Stop);

    public static MountCommand PositionInquiry { get; } = new(MountCommandKind.PositionInquiry);

    public static MountCommand Drive(float pan, float tilt) =>
        pan == 0 && tilt == 0 ? Stop : new(MountCommandKind.Drive, Math.Clamp(pan, -1, 1), Math.Clamp(tilt, -1, 1));

    public static MountCommand Home(float speed) => new(MountCommandKind.Home, Speed: Math.Clamp(speed, 0, 1));

    public static MountCommand GoTo(float panDegrees, float tiltDegrees, float speed) => new(MountCommandKind.GoTo, panDegrees, tiltDegrees, Math.Clamp(speed, 0, 1));

    public override string ToString() => Kind switch
    {
        MountCommandKind.Drive => string.Create(CultureInfo.InvariantCulture, $"pan {Axis(Pan, "right", "left")}, tilt {Axis(Tilt, "up", "down")}"),
        MountCommandKind.Stop => "stop",
        MountCommandKind.Home => string.Create(CultureInfo.InvariantCulture, $"home at {Speed:P0} speed"),
        MountCommandKind.GoTo => string.Create(CultureInfo.InvariantCulture, $"go to pan {Pan:F1}°, tilt {Tilt:F1}° at {Speed:P0} speed"),
        _ => "position inquiry",
    };

    private static string Axis(float speed, string positive, string negative) =>
        speed == 0 ? "stop" : string.Create(CultureInfo.InvariantCulture, $"{(speed > 0 ? positive : negative)} {Math.Abs(speed):P0}");
}
