using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Tracking.Serial;

/// <summary>The serial port of the pan/tilt mount.</summary>
public sealed class SerialOptions
{
    public const string SectionName = "Tracking:Serial";

    /// <value>Ports tried in order; the first that opens is used. Default /dev/ttyUSB0, /dev/ttyACM0.
    /// Env: PIXELHOLO_Tracking__Serial__Ports__0=/dev/ttyUSB1. Pseudo-terminals (socat) work too but are not
    /// listed by the system, so name them here.</value>
    public List<string> Ports { get; set; } = [];

    /// <value>Baud rate. Default 9600 (8 data bits, no parity, 1 stop bit), 1200 to 921600.</value>
    [Range(1200, 921600)]
    public int BaudRate { get; set; } = 9600;

    /// <value>How often to retry opening the port when it is missing or was unplugged. Default 2 s, 0.1 s to 1 min.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    // Bound lists append to initial items, so the defaults live here rather than in the property initializer.
    public IReadOnlyList<string> EffectivePorts => Ports.Count > 0 ? Ports : ["/dev/ttyUSB0", "/dev/ttyACM0"];
}
