using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Tracking;

/// <summary>Face tracking: how the mount follows the visitor's face. Camera and serial port have their own sections
/// (<c>Tracking:Camera</c>, <c>Tracking:Serial</c>).</summary>
public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <value>Run tracking inside <c>pixelholo serve</c>. Default true; without a camera it logs one warning and stays off.</value>
    public bool Enabled { get; set; } = true;

    /// <value>Mount protocol: "visca" (Sony), "pelco-d" or "text" (hobby mounts, see docs/tracking.md). Default visca.</value>
    [Required]
    [RegularExpression("^(?i:visca|pelco-d|text)$", ErrorMessage = "Tracking:Protocol must be visca, pelco-d or text.")]
    public string Protocol { get; set; } = "visca";

    /// <value>Mount address: VISCA camera 1–7, Pelco-D 1–255. Default 1.</value>
    [Range(1, 255)]
    public int Address { get; set; } = 1;

    /// <value>Half-width of the dead zone around the centre, as a fraction of the frame width. Inside it the mount
    /// does not pan. Default 0.06 (±6 %), 0 to 0.4.</value>
    [Range(0.0, 0.4)]
    public double DeadZoneX { get; set; } = 0.06;

    /// <value>Half-height of the dead zone, as a fraction of the frame height. Default 0.08 (±8 %), 0 to 0.4.</value>
    [Range(0.0, 0.4)]
    public double DeadZoneY { get; set; } = 0.08;

    /// <value>Top speed as a fraction of the protocol's top speed (VISCA pan 0x18, tilt 0x14; Pelco-D 0x3F; text
    /// <see cref="TextMaxDegreesPerSecond"/>), reached when the face is at the frame's edge. Default 0.5, 0.05 to 1.</value>
    [Range(0.05, 1.0)]
    public double MaxSpeed { get; set; } = 0.5;

    /// <value>Most commands sent per second; a changed command waits for its turn. Default 10, 1 to 50.</value>
    [Range(1, 50)]
    public int MaxCommandsPerSecond { get; set; } = 10;

    /// <value>Pan the other way (for a mirrored camera image or a mount fitted upside down). Default false.</value>
    public bool InvertPan { get; set; }

    /// <value>Tilt the other way. Default false.</value>
    public bool InvertTilt { get; set; }

    /// <value>Stop following while the avatar speaks (the visitor listens then, and the mount's motor noise would reach
    /// the microphone). Default false.</value>
    public bool PauseWhileSpeaking { get; set; }

    /// <value>After the face is lost the mount stops at once; after this long without a face it returns to its home
    /// position. Default 10 s, 1 s to 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReturnHomeAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Speed of the return home, as a fraction of the top speed. Default 0.2 (slow), 0.05 to 1.</value>
    [Range(0.05, 1.0)]
    public double HomeSpeed { get; set; } = 0.2;

    /// <value>Send the mount home when tracking shuts down (it always sends stop). Default false.</value>
    public bool HomeOnShutdown { get; set; }

    /// <value>Another face takes over only when its area is this many times the followed face's, so two people of
    /// similar size do not make the mount flip between them. Default 1.5, 1 to 10.</value>
    [Range(1.0, 10.0)]
    public double SwitchAreaRatio { get; set; } = 1.5;

    /// <value>Top speed of a text-protocol mount in degrees per second (what speed fraction 1 means). Default 60, 1 to 720.</value>
    [Range(1.0, 720.0)]
    public double TextMaxDegreesPerSecond { get; set; } = 60;
}
