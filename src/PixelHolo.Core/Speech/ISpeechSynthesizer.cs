using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Text to speech, in a cloned voice when the engine can.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Engine name shown in logs and timings, e.g. "espeak-ng".</summary>
    string Name { get; }

    Task<SynthesizedSpeech> SynthesizeAsync(string text, VoiceReference? voice, CancellationToken cancellationToken = default);
}

/// <summary>The reference a cloning engine conditions on: clean speech of the person and its transcript.</summary>
/// <param name="WavPath">The 16 kHz mono reference (voice/reference.wav).</param>
public sealed record VoiceReference(string WavPath, string Transcript, string ProfileFolder)
{
    /// <summary>The same speech at 24 kHz mono (voice/reference-24k.wav), what Pocket TTS and Chatterbox condition on;
    /// null for profiles enrolled before it was written.</summary>
    public string? Wav24kPath { get; init; }
}

/// <summary>Speech produced for one piece of text. <see cref="Warning"/> is set when the voice is not the cloned one.</summary>
public sealed record SynthesizedSpeech(AudioChunk Audio, string Engine, string? Warning);
