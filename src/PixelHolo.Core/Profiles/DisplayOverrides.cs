using System.Text.Json.Serialization;

namespace PixelHolo.Core.Profiles;

/// <summary>Some of the <see cref="DisplaySettings"/>, by the same JSON names, each one optional: the manifest's "display"
/// section (an older version wrote fewer keys) and the body of PUT /api/profiles/{id}/display (only the keys it changes).
/// A key that is absent (or null) keeps the value it is applied over.</summary>
public sealed record DisplayOverrides
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? MirrorHorizontally { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? RotationDegrees { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Scale { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? VerticalOffset { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? HorizontalOffset { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Brightness { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Gamma { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? EdgeFeatherPixels { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? BlackFloor { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IconPosition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? IconSize { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Captions { get; init; }

    /// <summary>Every setting of <paramref name="settings"/> (what enrollment and a PUT store).</summary>
    public static DisplayOverrides From(DisplaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            MirrorHorizontally = settings.MirrorHorizontally,
            RotationDegrees = settings.RotationDegrees,
            Scale = settings.Scale,
            VerticalOffset = settings.VerticalOffset,
            HorizontalOffset = settings.HorizontalOffset,
            Brightness = settings.Brightness,
            Gamma = settings.Gamma,
            EdgeFeatherPixels = settings.EdgeFeatherPixels,
            BlackFloor = settings.BlackFloor,
            IconPosition = settings.IconPosition,
            IconSize = settings.IconSize,
            Captions = settings.Captions,
        };
    }

    /// <summary>These settings over <paramref name="settings"/> (not validated: call <see cref="DisplaySettings.Validate"/>).</summary>
    public DisplaySettings ApplyTo(DisplaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            MirrorHorizontally = MirrorHorizontally ?? settings.MirrorHorizontally,
            RotationDegrees = RotationDegrees ?? settings.RotationDegrees,
            Scale = Scale ?? settings.Scale,
            VerticalOffset = VerticalOffset ?? settings.VerticalOffset,
            HorizontalOffset = HorizontalOffset ?? settings.HorizontalOffset,
            Brightness = Brightness ?? settings.Brightness,
            Gamma = Gamma ?? settings.Gamma,
            EdgeFeatherPixels = EdgeFeatherPixels ?? settings.EdgeFeatherPixels,
            BlackFloor = BlackFloor ?? settings.BlackFloor,
            IconPosition = IconPosition ?? settings.IconPosition,
            IconSize = IconSize ?? settings.IconSize,
            Captions = Captions ?? settings.Captions,
        };
    }
}
