using System.Runtime.CompilerServices;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>The matched offline voice: espeak-ng (a separate process) speaking with the variant and prosody fitted to the
/// person's reference, its output equalised toward the person's long-term spectrum and loudness block by block as it
/// streams. Not a clone — it keeps espeak-ng's articulation — but it has the person's pitch register and timbre balance.
/// Needs a voice reference; the fit is cached (see <see cref="MatchedVoiceStore"/>).</summary>
internal sealed class MatchedSpeechSynthesizer(EspeakSpeechSynthesizer espeak, MatchedVoiceStore store) : ITtsEngine
{
    public const string EngineName = "matched";

    public string Name => EngineName;

    /// <summary>Where fitted voices are kept (tests read it).</summary>
    internal MatchedVoiceStore Store => store;

    public string Licence => "espeak-ng (GPL-3.0-or-later, run as a separate process, not linked) shaped by PixelHolo's own pitch and spectrum matching";

    public bool ClonesVoice => false;

    public Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken) =>
        Task.FromResult(voice is null ? "no voice reference to match (no profile or reference given, or the profile has no voice/reference.wav)"
            : !File.Exists(voice.WavPath) ? $"the voice reference '{voice.WavPath}' is missing" : null);

    public async Task PrepareAsync(VoiceReference? voice, CancellationToken cancellationToken)
    {
        if (voice is not null) { await store.GetAsync(voice, cancellationToken); }
    }

    public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voice, nameof(voice));
        MatchedVoice matched = await store.GetAsync(voice, cancellationToken);
        await foreach (SpeechAudioChunk chunk in SpeechChunkStream.ChunksAsync(
            textChunks, (text, ct) => SpeakAsync(text, matched, ct), Name, warning: null, cancellationToken))
        {
            yield return chunk;
        }
    }

    private async IAsyncEnumerable<AudioChunk> SpeakAsync(string text, MatchedVoice matched, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        VoiceShaper shaper = matched.CreateShaper();
        int skip = shaper.DelaySamples; // the linear-phase filter's delay: dropped at the start, flushed at the end
        int rate = 0;
        await foreach (AudioChunk block in espeak.SpeakAsync(text, matched.Settings.Voice, cancellationToken))
        {
            rate = block.SampleRateHz;
            float[] shaped = shaper.Process(block.Samples.Span);
            int drop = Math.Min(skip, shaped.Length);
            skip -= drop;
            if (shaped.Length > drop) { yield return new AudioChunk(shaped.AsMemory(drop), rate, 1, TimeSpan.Zero); }
        }
        if (rate > 0) { yield return new AudioChunk(shaper.Flush().AsMemory(skip), rate, 1, TimeSpan.Zero); }
    }
}
