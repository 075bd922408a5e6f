using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Streaming speech to text: 16 kHz mono audio chunks in, partial and final transcripts out.</summary>
public interface IStreamingSpeechRecognizer
{
    /// <summary>Engine name shown in logs and the turn record, e.g. "pocketsphinx", "moonshine".</summary>
    string Name { get; }

    /// <summary>Transcribes the audio of one utterance. Engines without partial results yield one final update after the
    /// audio ends; the last update is always <see cref="TranscriptUpdate.IsFinal"/>.</summary>
    IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default);
}

/// <summary>A transcript so far (<see cref="IsFinal"/> false) or the final one.</summary>
/// <param name="Words">Word timings, empty where the engine gives none.</param>
public sealed record TranscriptUpdate(string Text, bool IsFinal, IReadOnlyList<WordTiming> Words);

/// <summary>One recognised word and where it lies in the audio.</summary>
public sealed record WordTiming(string Word, TimeSpan Start, TimeSpan End);
