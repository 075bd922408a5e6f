namespace PixelHolo.Core.Speech;

/// <summary>Picks the clean speech of an upload's sound and writes it as the profile's voice reference.</summary>
public interface IVoiceReferenceBuilder
{
    /// <summary>Reads <paramref name="wavPath"/> (any rate; give it 24 kHz or more for a full-band cloning reference), chooses
    /// the cleanest speech segments (10–30 s by default), and writes <c>voice/reference.wav</c> (16 kHz mono),
    /// <c>voice/reference-24k.wav</c> (the same speech at 24 kHz) and <c>voice/reference.txt</c> (its transcript, by the
    /// best recogniser present) under
    /// <paramref name="profileFolder"/>. Writes nothing when the clip has no clean speech at all.</summary>
    Task<VoiceReferenceResult> BuildAsync(string wavPath, string profileFolder, CancellationToken cancellationToken = default);
}

/// <summary>What the voice reference builder found and wrote.</summary>
/// <param name="Reference">The written reference, or null when the clip has no clean speech.</param>
/// <param name="TotalSpeech">All speech the detector found.</param>
/// <param name="CleanSpeech">Speech that passed the duration, probability and SNR tests.</param>
/// <param name="ReferenceDuration">Length of the written reference (silence between segments included).</param>
/// <param name="Segments">The segments used, in time order, in the source's timeline.</param>
/// <param name="NoiseFloorDb">The clip's estimated noise floor, dBFS.</param>
/// <param name="Warning">Set when there is less clean speech than needed for a good voice: what is wrong and what to do.</param>
public sealed record VoiceReferenceResult(
    VoiceReference? Reference,
    TimeSpan TotalSpeech,
    TimeSpan CleanSpeech,
    TimeSpan ReferenceDuration,
    IReadOnlyList<SpeechSegment> Segments,
    double NoiseFloorDb,
    string? Warning)
{
    /// <summary>The recogniser that wrote the transcript, e.g. "parakeet" or "pocketsphinx".</summary>
    public string? TranscriptEngine { get; init; }

    /// <summary>Sample rate of the sound the reference was cut from; below 24 kHz the 24 kHz reference is upsampled.</summary>
    public int? SourceRateHz { get; init; }
}
