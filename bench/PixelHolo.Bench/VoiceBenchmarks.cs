using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Cli;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.TextToSpeech.Matched;
using static PixelHolo.Bench.SpeechBenchmarks;

namespace PixelHolo.Bench;

/// <summary>The matched offline voice against the targets: fitted to real references, measured on held-out
/// sentences (F0 median, long-term-spectrum distance vs stock espeak-ng, pocketsphinx key words), and its speed for one
/// sentence (real-time factor, first audio) with the fit already cached, as in a turn.</summary>
internal static class VoiceBenchmarks
{
    private static readonly string[] References =
        ["audio/ljspeech_ref_35s.wav", "audio/librispeech_1320_00000_16k_mono.wav", "audio/jfk.wav"];

    private const string HeldOut =
        "Thank you for visiting our museum today. The next guided tour starts in the main hall, right after the short film about the old harbour.";

    private static readonly (string Text, string[] KeyWords)[] KeyWordSentences =
    [
        ("What is the capital of France?", ["capital", "france"]),
        ("The weather today is sunny and warm.", ["weather", "today", "sunny", "warm"]),
        ("Please open the door and turn on the light.", ["open", "door", "turn", "light"]),
        ("My favourite colour is green.", ["favorite", "color", "green"]),
        ("Seven people came to the meeting on Monday.", ["seven", "people", "meeting", "monday"]),
    ];

    public static async Task MatchedAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var espeak = host.Services.GetRequiredService<EspeakSpeechSynthesizer>();
        var matched = host.Services.GetServices<ITtsEngine>().Single(e => e.Name == "matched");
        var stt = host.Services.GetRequiredService<IStreamingSpeechRecognizer>();
        var store = host.Services.GetRequiredService<MatchedVoiceStore>();

        int stockHits = await KeyWordHitsAsync(espeak, null, stt);
        Print("voice.stock.keywords_found", stockHits);
        Print("voice.keywords_total", KeyWordSentences.Sum(s => s.KeyWords.Length));
        foreach (string reference in References)
        {
            string name = Path.GetFileNameWithoutExtension(reference);
            var voice = new VoiceReference(SpeechBenchmarks.Media(reference), "", "");
            var watch = Stopwatch.StartNew();
            MatchedVoice fitted = await store.GetAsync(voice, CancellationToken.None);
            Print($"voice.{name}.fit_seconds", watch.Elapsed.TotalSeconds);
            Console.WriteLine($"voice.{name}.espeak_voice = {fitted.Settings.Voice.Name} pitch {fitted.Settings.Voice.PitchPercent:+0;-0}% range {fitted.Settings.Voice.RangePercent}% gain {fitted.Settings.GainDb:F1} dB");

            AudioChunk referenceAudio = AudioResampler.ToMono(await WavFile.ReadAsync(voice.WavPath));
            PitchStatistics referencePitch = PitchEstimator.Statistics(referenceAudio)!;
            double[] referenceSpectrum = LongTermSpectrum.Measure(referenceAudio);
            AudioChunk stock = await SpeakAsync(espeak, null, HeldOut);
            AudioChunk spoken = await SpeakAsync(matched, voice, HeldOut);
            PitchStatistics stockPitch = PitchEstimator.Statistics(stock)!, matchedPitch = PitchEstimator.Statistics(spoken)!;
            double stockDistance = LongTermSpectrum.Distance(LongTermSpectrum.Measure(stock), referenceSpectrum);
            double matchedDistance = LongTermSpectrum.Distance(LongTermSpectrum.Measure(spoken), referenceSpectrum);
            Print($"voice.{name}.reference_f0_median_hz", referencePitch.MedianHz);
            Print($"voice.{name}.reference_f0_range_semitones", referencePitch.RangeSemitones);
            Print($"voice.{name}.stock_f0_median_hz", stockPitch.MedianHz);
            Print($"voice.{name}.matched_f0_median_hz", matchedPitch.MedianHz);
            Print($"voice.{name}.matched_f0_error_percent", 100 * Math.Abs((matchedPitch.MedianHz / referencePitch.MedianHz) - 1));
            Print($"voice.{name}.stock_f0_range_semitones", stockPitch.RangeSemitones);
            Print($"voice.{name}.matched_f0_range_semitones", matchedPitch.RangeSemitones);
            Print($"voice.{name}.stock_spectrum_distance_db", stockDistance);
            Print($"voice.{name}.matched_spectrum_distance_db", matchedDistance);
            Print($"voice.{name}.spectrum_distance_ratio", matchedDistance / stockDistance);
            Print($"voice.{name}.keywords_found", await KeyWordHitsAsync(matched, voice, stt));
            await SpeedAsync(matched, voice, name);
        }
        await SpeedAsync(espeak, null, "stock");
    }

    private static async Task SpeedAsync(IStreamingSpeechSynthesizer engine, VoiceReference? voice, string name)
    {
        const string sentence = "Hello there, I am a holographic avatar, and I can answer your questions about the museum.";
        await SpeakAsync(engine, voice, sentence); // warm
        const int runs = 5;
        double wall = 0, first = 0, audio = 0;
        var firsts = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            double? firstAudio = null;
            await foreach (SpeechAudioChunk chunk in engine.SynthesizeAsync(SpeechStreamExtensions.Once(sentence), voice))
            {
                if (firstAudio is null && !chunk.Audio.Samples.IsEmpty) { firstAudio = Stopwatch.GetElapsedTime(start).TotalSeconds; }
                audio += chunk.Audio.Duration.TotalSeconds;
            }
            wall += Stopwatch.GetElapsedTime(start).TotalSeconds;
            first += firstAudio!.Value;
            firsts.Add(firstAudio.Value);
        }
        firsts.Sort();
        Print($"voice.{name}.one_sentence_audio_seconds", audio / runs);
        Print($"voice.{name}.real_time_factor", wall / audio);
        Print($"voice.{name}.first_audio_ms_median", firsts[runs / 2] * 1000);
        Print($"voice.{name}.first_audio_ms_max", firsts[^1] * 1000);
    }

    private static async Task<int> KeyWordHitsAsync(IStreamingSpeechSynthesizer engine, VoiceReference? voice, IStreamingSpeechRecognizer stt)
    {
        int hits = 0;
        foreach ((string text, string[] keyWords) in KeyWordSentences)
        {
            AudioChunk audio = AudioResampler.ToMono16k(await SpeakAsync(engine, voice, text));
            string heard = (await stt.TranscribeAsync(audio)).Text.ToLowerInvariant();
            hits += keyWords.Count(k => heard.Split(' ').Contains(k));
        }
        return hits;
    }

    private static async Task<AudioChunk> SpeakAsync(IStreamingSpeechSynthesizer engine, VoiceReference? voice, string text) =>
        (await engine.SpeakAsync(text, voice)).Audio;
}
