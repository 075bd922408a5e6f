using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Splits 16 kHz mono audio into utterances. Safe for concurrent calls; state is per call.</summary>
public interface IVoiceActivityDetector
{
    IAsyncEnumerable<Utterance> DetectAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default);
}
