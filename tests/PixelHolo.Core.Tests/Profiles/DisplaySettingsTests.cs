using System.Text.Json;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Tests.Profiles;

public sealed class DisplaySettingsTests
{
    [Fact]
    public void Validate_RotationAndScaleOutOfRange_ReportsBoth()
    {
        var settings = new DisplaySettings { RotationDegrees = 45, Scale = 9 };

        IReadOnlyList<string> problems = settings.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains(nameof(DisplaySettings.RotationDegrees), StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(nameof(DisplaySettings.Scale), StringComparison.Ordinal));
    }

    [Fact]
    public void ToCssTransform_MirroredRotatedShifted_NegativeXScale()
    {
        var settings = new DisplaySettings { MirrorHorizontally = true, RotationDegrees = 180, Scale = 1.5, VerticalOffset = -0.1 };

        Assert.Empty(settings.Validate());
        Assert.Equal("translateY(-10vh) rotate(180deg) scale(-1.5, 1.5)", settings.ToCssTransform());
    }

    [Fact]
    public void Serialize_ManifestJson_RoundTripsEveryField()
    {
        var settings = new DisplaySettings { MirrorHorizontally = true, RotationDegrees = 90, Brightness = 1.4, Gamma = 0.8, EdgeFeatherPixels = 6, BlackFloor = 8 };
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        string json = JsonSerializer.Serialize(settings, web);
        DisplaySettings? back = JsonSerializer.Deserialize<DisplaySettings>(json, web);

        Assert.Contains("\"mirrorHorizontally\":true", json, StringComparison.Ordinal);
        Assert.Equal(settings, back);
    }
}
