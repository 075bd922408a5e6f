using PixelHolo.Core.Audio;

namespace PixelHolo.Core.Speech;

/// <summary>Whole results from the streaming seams, for callers that have all of the input at once and want all of the
/// output (enrollment's voice reference transcript, <c>transcribe</c>, benchmarks): the streaming interfaces are the only
/// speech interfaces; these only collect.</summary>
public static class SpeechStreamExtensions
{
    /// <summary>Transcribes one whole utterance (16 kHz mono) and returns the final update; an engine that yields none
    /// gives an empty final transcript.</summary>
    public static async Task<TranscriptUpdate> TranscribeAsync(
        this IStreamingSpeechRecognizer recognizer, AudioChunk utterance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(utterance);
        TranscriptUpdate? final = null;
        await foreach (TranscriptUpdate update in recognizer.RecognizeAsync(Once(utterance), cancellationToken))
        {
            if (update.IsFinal) { final = update; }
        }
        return final ?? new TranscriptUpdate("", IsFinal: true, []);
    }

    /// <summary>Speaks <paramref name="text"/> as one text chunk and joins the audio into one mono chunk at the engine's
    /// rate, starting at zero. <see cref="SynthesizedSpeech.Engine"/> and <see cref="SynthesizedSpeech.Warning"/> are those
    /// of the last audio chunk (after any fallback).</summary>
    /// <exception cref="ArgumentException">The text is blank, or nothing in it was speakable (no audio came out).</exception>
    public static async Task<SynthesizedSpeech> SpeakAsync(
        this IStreamingSpeechSynthesizer synthesizer, string text, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("There is no text to speak.", nameof(text)); }
        var parts = new List<ReadOnlyMemory<float>>();
        int rate = 0, length = 0;
        SpeechAudioChunk? last = null;
        await foreach (SpeechAudioChunk chunk in synthesizer.SynthesizeAsync(Once(text), voice, cancellationToken))
        {
            last = chunk;
            if (chunk.Audio.Samples.IsEmpty) { continue; }
            rate = chunk.Audio.SampleRateHz;
            parts.Add(chunk.Audio.Samples);
            length += chunk.Audio.Samples.Length;
        }
        if (last is null || length == 0)
        {
            throw new ArgumentException($"{synthesizer.Name} produced no audio: nothing in the text is speakable (\"{text}\").", nameof(text));
        }
        float[] joined = new float[length];
        int at = 0;
        foreach (ReadOnlyMemory<float> part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(at));
            at += part.Length;
        }
        return new SynthesizedSpeech(new AudioChunk(joined, rate, 1, TimeSpan.Zero), last.Engine, last.Warning);
    }

    /// <summary>A stream of one item, for the streaming seams when the whole input is at hand.</summary>
    public static async IAsyncEnumerable<T> Once<T>(T item)
    {
        await Task.CompletedTask;
        yield return item;
    }
}

/// <summary>A whole spoken text collected from a streaming synthesiser (<see cref="SpeechStreamExtensions.SpeakAsync"/>).
/// <see cref="Warning"/> is set when the voice is not the cloned one.</summary>
public sealed record SynthesizedSpeech(AudioChunk Audio, string Engine, string? Warning);
