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
public sealed record VoiceReference(string WavPath, string Transcript, string ProfileFolder);

/// <summary>Speech produced for one piece of text. <see cref="Warning"/> is set when the voice is not the cloned one.</summary>
public sealed record SynthesizedSpeech(AudioChunk Audio, string Engine, string? Warning);
