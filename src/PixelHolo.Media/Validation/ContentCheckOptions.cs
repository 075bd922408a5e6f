using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Validation;

/// <summary>What the picture and the sound of an upload must show: one person's face, large enough, and enough speech.</summary>
public sealed class ContentCheckOptions
{
    public const string SectionName = "ContentCheck";

    /// <value>Frames sampled evenly over the clip for the face check. Default 12, 3 to 200.</value>
    [Range(3, 200)]
    public int SampledFrames { get; set; } = 12;

    /// <value>Fraction of the sampled frames that must show exactly one face. Default 0.5, 0.1 to 1.</value>
    [Range(0.1, 1.0)]
    public double MinOneFaceFraction { get; set; } = 0.5;

    /// <value>Smallest median face height as a fraction of the frame height. Default 0.10, 0.01 to 0.9.</value>
    [Range(0.01, 0.9)]
    public double MinFaceHeightFraction { get; set; } = 0.10;

    /// <value>Speech below both this and <see cref="MinSpeechFraction"/> gives a warning (the voice will be poor). Default 20 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MinSpeech { get; set; } = TimeSpan.FromSeconds(20);

    /// <value>Speech as a fraction of the clip that is enough even when shorter than <see cref="MinSpeech"/>. Default 0.5.</value>
    [Range(0.0, 1.0)]
    public double MinSpeechFraction { get; set; } = 0.5;
}
