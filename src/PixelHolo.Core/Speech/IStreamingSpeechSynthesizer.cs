using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Streaming text to speech: text chunks (sentences) in, audio chunks out, in the profile's voice when the engine
/// can clone. Nothing is synthesised before it is pulled, and cancelling stops the chunk in progress.</summary>
public interface IStreamingSpeechSynthesizer
{
    /// <summary>Engine name shown in logs, timings and the turn record, e.g. "espeak-ng", "matched", "pocket".</summary>
    string Name { get; }

    /// <summary>Speaks each text chunk as it arrives. <paramref name="voice"/> is the profile's reference (always passed when
    /// the profile has one; engines that cannot clone ignore it and say so in <see cref="SpeechAudioChunk.Warning"/>).</summary>
    IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, CancellationToken cancellationToken = default);
}

/// <summary>Audio for (part of) one text chunk. <see cref="AudioChunk.Start"/> is the offset within the whole answer.</summary>
/// <param name="Audio">Mono PCM; the sample rate is the engine's and stays the same for the whole answer.</param>
/// <param name="Text">The text chunk this audio speaks.</param>
/// <param name="TextIndex">0-based index of that text chunk in the answer.</param>
/// <param name="IsLastOfText">True on the last audio chunk of that text chunk.</param>
/// <param name="Engine">The engine that actually spoke (after any fallback).</param>
/// <param name="Warning">Set when the voice is not the person's (a fallback), saying why.</param>
public sealed record SpeechAudioChunk(AudioChunk Audio, string Text, int TextIndex, bool IsLastOfText, string Engine, string? Warning);
