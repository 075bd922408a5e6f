using PixelHolo.Core.Errors;

namespace PixelHolo.Tracking.Serial;

/// <summary>The mount's serial port cannot be opened. The message says why and what to do.</summary>
public sealed class MountConnectionException : PixelHoloException
{
    public MountConnectionException(string port, string message, Exception? inner = null)
        : base(message, inner) => Port = port;

    public string Port { get; }

    /// <summary>Explains a failure to open <paramref name="port"/> in terms a kiosk operator can act on.</summary>
    internal static MountConnectionException From(string port, Exception error) => error switch
    {
        UnauthorizedAccessException => new MountConnectionException(port,
            $"Permission denied opening the mount's serial port {port}. Add your user to the 'dialout' group " +
            "(`sudo usermod -aG dialout $USER`, then log out and in again). If the port disappears a moment after the " +
            "adapter is plugged in, the 'brltty' braille service has claimed it: remove it (`sudo apt remove brltty`).", error),
        FileNotFoundException or DirectoryNotFoundException => new MountConnectionException(port,
            $"No serial port {port}: the mount's USB adapter is not plugged in, or it appears under another name " +
            "(see `ls /dev/ttyUSB* /dev/ttyACM*`). Set Tracking:Serial:Ports (PIXELHOLO_Tracking__Serial__Ports__0).", error),
        _ => new MountConnectionException(port, $"Cannot open the mount's serial port {port}: {error.Message}", error),
    };
}
