namespace PixelHolo.Core.Audio;

/// <summary>A stretch of speech found by voice activity detection, with its 16 kHz mono samples.</summary>
public sealed record Utterance(TimeSpan Start, TimeSpan End, ReadOnlyMemory<float> Samples)
{
    public TimeSpan Duration => End - Start;
}
