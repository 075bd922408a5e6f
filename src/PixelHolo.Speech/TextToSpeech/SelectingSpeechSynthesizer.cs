using System.Runtime.CompilerServices;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.TextNormalization;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>The streaming synthesiser the app uses: chooses an engine with a visible fallback — the configured one
/// (<see cref="TtsOptions.Engine"/>), then Pocket (model present), the Chatterbox server (configured and reachable), the
/// matched voice (a reference exists) and stock espeak-ng — and every chunk says which engine spoke and, when it is not a
/// cloned voice, why. Each text chunk is normalised for speech first (numbers, dates, markdown…). If the engine fails
/// during the answer, the sentence (or the rest of the answer) goes to the next engine in the chain and the warning says so.</summary>
internal sealed partial class SelectingSpeechSynthesizer(
    IEnumerable<ITtsEngine> engines, IOptions<TtsOptions> options, ILogger<SelectingSpeechSynthesizer> logger)
    : IStreamingSpeechSynthesizer, IVoiceChooser
{
    /// <summary>The chain after the configured engine.</summary>
    internal static readonly string[] Chain = ["pocket", "chatterbox", MatchedEngineName, EspeakEngineName];
    private const string MatchedEngineName = "matched";
    private const string EspeakEngineName = "espeak-ng";
    private readonly ITtsEngine[] _engines = [.. engines];

    public string Name => "auto";

    /// <summary>Chooses, and prepares the chosen engine for this voice (fits the matched voice, uploads the reference), so the
    /// answers that follow do no per-voice work. An engine that fails to prepare is skipped, with the reason.</summary>
    public async Task<VoiceChoice> ChooseAsync(VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            (VoiceChoice choice, List<ITtsEngine> chain, _) = await ChooseChainAsync(voice, cancellationToken, failed);
            try
            {
                await chain[0].PrepareAsync(voice, cancellationToken);
                return choice;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && chain.Count > 1)
            {
                // Same policy as during an answer: degrade to the next engine and say why.
                LogFailedOver(logger, chain[0].Name, chain[1].Name, ex.Message);
                failed[chain[0].Name] = ex.Message;
            }
        }
    }

    public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textChunks);
        (VoiceChoice choice, List<ITtsEngine> chain, List<string> skipped) = await ChooseChainAsync(voice, cancellationToken);
        LogChosen(logger, choice.Engine, choice.Warning ?? "the preferred engine");
        int current = 0;
        string? warning = choice.Warning;
        int rate = 0;
        long offsetSamples = 0;
        int index = -1;
        await foreach (string text in textChunks.WithCancellation(cancellationToken))
        {
            index++;
            string spoken = TextForSpeech.Normalize(text);
            if (string.IsNullOrWhiteSpace(spoken)) { continue; }
            bool done = false;
            while (!done)
            {
                ITtsEngine engine = chain[current];
                bool produced = false, ended = false;
                await using IAsyncEnumerator<SpeechAudioChunk> audio =
                    engine.SynthesizeAsync(One(spoken), voice, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    string? failure = null;
                    try
                    {
                        if (!await audio.MoveNextAsync()) { break; }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && current < chain.Count - 1)
                    {
                        // Degrade, don't go silent: the next engine in the chain takes over (a cloning server that drops, a bad fit).
                        failure = ex.Message;
                    }
                    if (failure is not null)
                    {
                        ITtsEngine next = chain[current + 1];
                        LogFailedOver(logger, engine.Name, next.Name, failure);
                        skipped.Add($"{engine.Name} failed during the answer ({failure})");
                        warning = Describe(next, skipped);
                        current++;
                        if (produced)
                        {
                            // Part of this sentence was heard; close it rather than say it twice.
                            yield return Chunk(ReadOnlyMemory<float>.Empty, text, index, isLast: true, engine.Name);
                            ended = true;
                        }
                        break;
                    }
                    SpeechAudioChunk chunk = audio.Current;
                    if (rate == 0) { rate = chunk.Audio.SampleRateHz; }
                    ReadOnlyMemory<float> samples = chunk.Audio.SampleRateHz == rate
                        ? chunk.Audio.Samples
                        : AudioResampler.Resample(chunk.Audio with { Channels = 1 }, rate).Samples; // after a fallback: the answer keeps one rate
                    produced = true;
                    ended = chunk.IsLastOfText;
                    yield return Chunk(samples, text, index, chunk.IsLastOfText, engine.Name);
                }
                done = produced || ended || chain[current] == engine;
                if (done && produced && !ended) { yield return Chunk(ReadOnlyMemory<float>.Empty, text, index, isLast: true, engine.Name); }
            }
        }

        SpeechAudioChunk Chunk(ReadOnlyMemory<float> samples, string text, int textIndex, bool isLast, string engineName)
        {
            int chunkRate = rate == 0 ? 22_050 : rate;
            var audio = new AudioChunk(samples, chunkRate, 1, TimeSpan.FromSeconds(offsetSamples / (double)chunkRate));
            offsetSamples += samples.Length;
            return new SpeechAudioChunk(audio, text, textIndex, isLast, engineName, warning);
        }
    }

    private async Task<(VoiceChoice Choice, List<ITtsEngine> Chain, List<string> Skipped)> ChooseChainAsync(
        VoiceReference? voice, CancellationToken cancellationToken, Dictionary<string, string>? failed = null)
    {
        string configured = options.Value.Engine;
        IEnumerable<string> order = configured == "auto" ? Chain : Chain.Prepend(configured).Distinct(StringComparer.Ordinal);
        var skipped = new List<string>();
        var chain = new List<ITtsEngine>();
        foreach (string name in order)
        {
            ITtsEngine? engine = _engines.FirstOrDefault(e => e.Name == name);
            string? reason = engine is null ? "not part of this build"
                : failed is not null && failed.TryGetValue(name, out string? failure) ? $"failed to prepare ({failure})"
                : await engine.UnavailableReasonAsync(voice, cancellationToken);
            if (reason is null) { chain.Add(engine!); }
            else if (chain.Count == 0) { skipped.Add($"{name}: {reason}"); }
        }
        if (chain.Count == 0)
        {
            throw new InvalidOperationException($"No text-to-speech engine is available ({string.Join("; ", skipped)}). Install espeak-ng: apt-get install espeak-ng");
        }
        ITtsEngine chosen = chain[0];
        if (configured != "auto" && chosen.Name != configured)
        {
            skipped[0] = $"Tts:Engine asks for {skipped[0]}";
        }
        // A cloned voice needs no warning unless the engine asked for was passed over.
        bool passedOver = configured != "auto" && chosen.Name != configured;
        string? warning = chosen.ClonesVoice && !passedOver ? null : Describe(chosen, skipped);
        return (new VoiceChoice(chosen.Name, chosen.ClonesVoice, chosen.Licence, warning), chain, skipped);
    }

    private static string? Describe(ITtsEngine engine, List<string> skipped)
    {
        string why = skipped.Count == 0 ? "" : $": {string.Join("; ", skipped)}";
        return engine.Name switch
        {
            _ when engine.ClonesVoice => skipped.Count == 0 ? null : $"Spoken in the person's voice by {engine.Name}{why}",
            MatchedEngineName => $"Spoken with the matched offline voice (espeak-ng moved toward the person's pitch and timbre), not a cloned voice{why}",
            EspeakEngineName => $"Spoken with espeak-ng's stock voice, not the person's{why}",
            _ => $"Spoken with {engine.Name}, not the person's voice{why}",
        };
    }

    private static async IAsyncEnumerable<string> One(string text)
    {
        await Task.CompletedTask;
        yield return text;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer voice: {Engine} ({Why})")]
    private static partial void LogChosen(ILogger logger, string engine, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text to speech with {Engine} failed during the answer, {Next} takes over: {Reason}")]
    private static partial void LogFailedOver(ILogger logger, string engine, string next, string reason);
}
