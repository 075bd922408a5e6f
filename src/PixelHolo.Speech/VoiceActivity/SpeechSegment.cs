namespace PixelHolo.Speech.VoiceActivity;

/// <summary>A stretch of speech in a recording.</summary>
/// <param name="Start">Start, padding included, from the start of the recording.</param>
/// <param name="End">End, padding included.</param>
/// <param name="MeanProbability">Mean speech probability of the model over the segment's speech windows (0..1).</param>
public sealed record SpeechSegment(TimeSpan Start, TimeSpan End, double MeanProbability)
{
    public TimeSpan Duration => End - Start;
}
