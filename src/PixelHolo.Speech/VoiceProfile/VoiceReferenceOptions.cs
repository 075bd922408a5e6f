using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.VoiceProfile;

/// <summary>How the voice reference (the clean speech a cloning engine conditions on) is chosen from an upload's sound.</summary>
public sealed class VoiceReferenceOptions
{
    public const string SectionName = "VoiceReference";

    /// <value>Clean speech below which the voice will be poor and a warning is given, 3 to 60 s. Default 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:03", "00:01:00")]
    public TimeSpan MinSpeech { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Longest reference written, 5 to 120 s. Default 30 s (cloning engines gain little from more).</value>
    [Range(typeof(TimeSpan), "00:00:05", "00:02:00")]
    public TimeSpan MaxSpeech { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>Shortest speech segment worth using, 0.3 to 10 s. Default 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.3", "00:00:10")]
    public TimeSpan MinSegment { get; set; } = TimeSpan.FromSeconds(1);

    /// <value>Lowest signal-to-noise ratio of a clean segment (its level over the clip's noise floor), 0 to 60 dB. Default 15 dB.</value>
    [Range(0.0, 60.0)]
    public double MinSnrDb { get; set; } = 15;

    /// <value>Lowest mean speech probability of a clean segment, 0 to 1. Default 0.7 (music and crowd noise score lower).</value>
    [Range(0.0, 1.0)]
    public double MinSpeechProbability { get; set; } = 0.7;
}
