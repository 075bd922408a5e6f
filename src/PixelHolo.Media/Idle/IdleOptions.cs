using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Idle;

/// <summary>How the still and the idle ("listening") loop are chosen.</summary>
public sealed class IdleOptions
{
    public const string SectionName = "Idle";

    /// <value>Frames per second sampled when scoring still candidates and loop points. Default 10, 1 to 60.</value>
    [Range(1.0, 60.0)]
    public double SamplesPerSecond { get; set; } = 10;

    /// <value>Shortest idle loop. Default 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:01:00")]
    public TimeSpan MinLoop { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Longest idle loop. Default 20 s (the original team's baked loop length).</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MaxLoop { get; set; } = TimeSpan.FromSeconds(20);

    /// <value>Cross-fade at the loop point. Default 0.15 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02")]
    public TimeSpan CrossFade { get; set; } = TimeSpan.FromSeconds(0.15);

    /// <value>Time kept clear on either side of speech when looking for idle stretches. Default 0.25 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan SpeechMargin { get; set; } = TimeSpan.FromSeconds(0.25);
}
