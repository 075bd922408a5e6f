using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Speech to text for one utterance of 16 kHz mono audio.</summary>
public interface ISpeechRecognizer
{
    string Name { get; }

    Task<string> TranscribeAsync(AudioChunk audio, CancellationToken cancellationToken = default);
}
