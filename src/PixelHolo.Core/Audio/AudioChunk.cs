namespace PixelHolo.Core.Audio;

/// <summary>A block of PCM samples in [-1, 1], interleaved when <paramref name="Channels"/> &gt; 1.</summary>
/// <param name="Samples">The samples.</param>
/// <param name="SampleRateHz">Samples per second per channel.</param>
/// <param name="Channels">Interleaved channel count.</param>
/// <param name="Start">Offset of the first sample from the start of the stream.</param>
public sealed record AudioChunk(ReadOnlyMemory<float> Samples, int SampleRateHz, int Channels, TimeSpan Start)
{
    /// <summary>Length of the chunk in time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)Channels / SampleRateHz);
}
