using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace PixelHolo.Core.Profiles;

/// <summary>How the stage draws a profile for the reflector (a monitor under an angled acrylic sheet, see docs/display.md).
/// Stored per profile in the manifest's "display" section; the "Display" configuration section gives the defaults.</summary>
public sealed record DisplaySettings
{
    public const string SectionName = "Display";

    /// <value>Flip left-right: the sheet shows the monitor mirrored, so text and a parting in the hair read the wrong way
    /// unless flipped. Default false.</value>
    public bool MirrorHorizontally { get; init; }

    /// <value>Rotation in degrees clockwise: 0, 90, 180 or 270 (a monitor lying with its top edge towards the viewer needs 180). Default 0.</value>
    [AllowedValues(0, 90, 180, 270)]
    public int RotationDegrees { get; init; }

    /// <value>Size of the person relative to fitting the screen. Default 1, 0.2 to 3.</value>
    [Range(0.2, 3.0)]
    public double Scale { get; init; } = 1;

    /// <value>Shift up (negative) or down (positive) as a fraction of the screen height. Default 0, −0.5 to 0.5.</value>
    [Range(-0.5, 0.5)]
    public double VerticalOffset { get; init; }

    /// <value>Shift left (negative) or right (positive) as a fraction of the screen width. Default 0, −0.5 to 0.5.</value>
    [Range(-0.5, 0.5)]
    public double HorizontalOffset { get; init; }

    /// <value>Brightness multiplier: the sheet reflects only ~8–10 % of the light, so a bright person reads better. Default 1.2, 0.2 to 3.</value>
    [Range(0.2, 3.0)]
    public double Brightness { get; init; } = 1.2;

    /// <value>Gamma applied to the picture (below 1 lifts the mid-tones, which the reflection darkens most). Default 0.9, 0.2 to 5.</value>
    [Range(0.2, 5.0)]
    public double Gamma { get; init; } = 0.9;

    /// <value>Soft edge width in screen pixels around the person (hides a hard cut-out line). Default 2, 0 to 64.</value>
    [Range(0, 64)]
    public int EdgeFeatherPixels { get; init; } = 2;

    /// <value>Channel values at or below this are drawn as pure black (hides compression noise from the JPEG frame store next to
    /// the person; the H.264 matte is exactly black on its own). Default 4, 0 to 32.</value>
    [Range(0, 32)]
    public int BlackFloor { get; init; } = 4;

    /// <value>The state icon's corner: "bottomRight" (the original's), "bottomLeft", "topRight" or "topLeft".</value>
    [AllowedValues("bottomRight", "bottomLeft", "topRight", "topLeft")]
    public string IconPosition { get; init; } = "bottomRight";

    /// <value>The state icon's width as a fraction of the screen width. Default 0.125 (the original's 1/8), 0.03 to 0.3.</value>
    [Range(0.03, 0.3)]
    public double IconSize { get; init; } = 0.125;

    /// <value>Show what was heard and what is being said as captions (noisy venues, accessibility). Default false.</value>
    public bool Captions { get; init; }

    /// <summary>Every value out of range, in plain words; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "invalid display setting")];
    }

    /// <summary>The CSS transform the stage applies to the video element (order: offset, rotation, mirror and scale).</summary>
    public string ToCssTransform() => string.Create(CultureInfo.InvariantCulture,
        $"translateY({VerticalOffset * 100:0.##}vh) rotate({RotationDegrees}deg) scale({(MirrorHorizontally ? -Scale : Scale):0.###}, {Scale:0.###})");
}
