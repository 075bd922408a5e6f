using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Validation;

/// <summary>What an upload must be to become a profile.</summary>
public sealed class UploadLimits
{
    public const string SectionName = "Upload";

    /// <value>Shortest clip accepted. Default 10 s (a minute or more is recommended).</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Longest clip accepted. Default 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:10", "10:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <value>Lowest frame rate accepted. Default 15 fps.</value>
    [Range(1.0, 240.0)]
    public double MinFramesPerSecond { get; set; } = 15;

    /// <value>Highest frame rate accepted. Default 60 fps.</value>
    [Range(1.0, 240.0)]
    public double MaxFramesPerSecond { get; set; } = 60;

    /// <value>Smallest short side accepted, in pixels. Default 240.</value>
    [Range(16, 8192)]
    public int MinShortSidePixels { get; set; } = 240;

    /// <value>Below this short side a warning says the person will look soft on the sheet. Default 480.</value>
    [Range(16, 8192)]
    public int RecommendedShortSidePixels { get; set; } = 480;
}
