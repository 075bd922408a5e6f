namespace PixelHolo.Core.Speech;

/// <summary>The reference a cloning engine conditions on: clean speech of the person and its transcript.</summary>
/// <param name="WavPath">The 16 kHz mono reference (voice/reference.wav).</param>
public sealed record VoiceReference(string WavPath, string Transcript, string ProfileFolder)
{
    /// <summary>The same speech at 24 kHz mono (voice/reference-24k.wav), what Pocket TTS and Chatterbox condition on;
    /// null for profiles enrolled before it was written.</summary>
    public string? Wav24kPath { get; init; }
}
