namespace PixelHolo.Media.Validation;

/// <summary>What the face and speech check found (when it did not reject the upload).</summary>
/// <param name="Warnings">Plain-words warnings for the manifest.</param>
/// <param name="Speech">Speech stretches from voice activity detection; empty when no detector is configured or there is no sound.</param>
/// <param name="SpeechChecked">False when no voice activity detector was available.</param>
/// <param name="OneFaceFraction">Sampled frames with exactly one face.</param>
/// <param name="MedianFaceHeightFraction">Median face height over the frame height (frames with one face).</param>
public sealed record ContentCheckResult(
    IReadOnlyList<string> Warnings,
    IReadOnlyList<SpeechSpan> Speech,
    bool SpeechChecked,
    double OneFaceFraction,
    double MedianFaceHeightFraction)
{
    public TimeSpan SpeechTotal => TimeSpan.FromTicks(Speech.Sum(s => (s.End - s.Start).Ticks));
}

/// <summary>A stretch of speech in the clip.</summary>
public readonly record struct SpeechSpan(TimeSpan Start, TimeSpan End);
