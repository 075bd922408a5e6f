using System.Runtime.CompilerServices;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Turns an engine's per-sentence sample blocks into the answer's <see cref="SpeechAudioChunk"/>s: one running
/// offset across the whole answer, one sample rate for the whole answer, each block handed on the moment it exists (no
/// look-ahead: a server's first chunk is not held back waiting for its second), and each sentence closed by an empty
/// chunk with <see cref="SpeechAudioChunk.IsLastOfText"/> set. Blank text chunks are skipped without audio.</summary>
internal static class SpeechChunkStream
{
    /// <summary>Speaks one text chunk as mono blocks at the rate they carry.</summary>
    public delegate IAsyncEnumerable<AudioChunk> SpeakText(string text, CancellationToken cancellationToken);

    public static async IAsyncEnumerable<SpeechAudioChunk> ChunksAsync(
        IAsyncEnumerable<string> textChunks, SpeakText speak, string engine, string? warning,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(textChunks);
        long offsetSamples = 0;
        int rate = 0;
        int index = -1;
        await foreach (string text in textChunks.WithCancellation(cancellationToken))
        {
            index++;
            if (string.IsNullOrWhiteSpace(text)) { continue; }
            bool any = false;
            await foreach (AudioChunk block in speak(text, cancellationToken).WithCancellation(cancellationToken))
            {
                if (block.Samples.IsEmpty) { continue; }
                if (rate == 0) { rate = block.SampleRateHz; }
                if (block.SampleRateHz != rate)
                {
                    throw new InvalidOperationException($"{engine} changed its sample rate from {rate} Hz to {block.SampleRateHz} Hz within one answer.");
                }
                any = true;
                yield return Chunk(block.Samples, text, index, isLast: false);
            }
            if (any) { yield return Chunk(ReadOnlyMemory<float>.Empty, text, index, isLast: true); }
        }

        SpeechAudioChunk Chunk(ReadOnlyMemory<float> samples, string text, int textIndex, bool isLast)
        {
            var audio = new AudioChunk(samples, rate, 1, TimeSpan.FromSeconds(offsetSamples / (double)rate));
            offsetSamples += samples.Length;
            return new SpeechAudioChunk(audio, text, textIndex, isLast, engine, warning);
        }
    }

    /// <summary>Mono samples from interleaved ones (the mean of the channels).</summary>
    public static float[] ToMono(float[] interleaved, int channels)
    {
        if (channels == 1) { return interleaved; }
        float[] mono = new float[interleaved.Length / channels];
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++) { sum += interleaved[(i * channels) + c]; }
            mono[i] = sum / channels;
        }
        return mono;
    }
}
