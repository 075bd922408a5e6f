using PixelHolo.Core.Audio;

namespace PixelHolo.Speech.VoiceActivity;

/// <summary>Finds the speech in a whole recording at once (enrollment: how much speech a clip has, which parts make the
/// voice reference). The streaming, end-of-turn form is <see cref="Core.Speech.IVoiceActivityDetector"/>.</summary>
public interface ISpeechSegmenter
{
    /// <param name="audio">16 kHz mono audio.</param>
    Task<IReadOnlyList<SpeechSegment>> FindSpeechSegmentsAsync(AudioChunk audio, CancellationToken cancellationToken = default);
}
