using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Cli;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>Speech figures: VAD real-time factor, espeak-ng time per second of speech, PocketSphinx and resampler speed.</summary>
internal static class SpeechBenchmarks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task VadAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var segmenter = host.Services.GetRequiredService<ISpeechSegmenter>();
        var detector = host.Services.GetRequiredService<IVoiceActivityDetector>();
        AudioChunk audio = await WavFile.ReadMono16kAsync(Media("audio/ljspeech_ref_35s_16k_mono.wav"));
        await segmenter.FindSpeechSegmentsAsync(audio); // warm-up: first run pays for graph optimisation
        const int Runs = 5;
        var watch = Stopwatch.StartNew();
        IReadOnlyList<SpeechSegment> segments = [];
        for (int i = 0; i < Runs; i++) { segments = await segmenter.FindSpeechSegmentsAsync(audio); }
        double perRun = watch.Elapsed.TotalSeconds / Runs;
        Print("vad.audio_seconds", audio.Duration.TotalSeconds);
        Print("vad.segments", segments.Count);
        Print("vad.segments_seconds_per_audio_second", perRun / audio.Duration.TotalSeconds);
        Print("vad.segments_times_real_time", audio.Duration.TotalSeconds / perRun);
        Print("vad.ms_per_32ms_window", perRun * 1000 / (audio.Samples.Length / 512.0));

        watch.Restart();
        int utterances = 0;
        await foreach (Utterance _ in detector.DetectAsync(Chunks(audio, 1600))) { utterances++; }
        double streaming = watch.Elapsed.TotalSeconds;
        Print("vad.streaming_100ms_chunks_times_real_time", audio.Duration.TotalSeconds / streaming);
        Print("vad.streaming_utterances", utterances);
    }

    public static async Task EspeakAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var tts = host.Services.GetRequiredService<EspeakSpeechSynthesizer>(); // the stock voice itself, not the engine choice
        string[] texts =
        [
            "Hello.",
            "Hello there, I am a holographic avatar. Ask me anything you like.",
            string.Join(' ', Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the avatar keeps talking.", 12)),
        ];
        await tts.SpeakAsync("warm up", null);
        foreach (string text in texts)
        {
            const int Runs = 5;
            var watch = Stopwatch.StartNew();
            SynthesizedSpeech speech = null!;
            for (int i = 0; i < Runs; i++) { speech = await tts.SpeakAsync(text, null); }
            double perRun = watch.Elapsed.TotalSeconds / Runs;
            string name = $"espeak.{text.Length}_chars";
            Print($"{name}.audio_seconds", speech.Audio.Duration.TotalSeconds);
            Print($"{name}.wall_ms", perRun * 1000);
            Print($"{name}.ms_per_audio_second", perRun * 1000 / speech.Audio.Duration.TotalSeconds);
        }
    }

    public static async Task PocketSphinxAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var stt = host.Services.GetRequiredService<PocketSphinxSpeechRecognizer>(); // pocketsphinx whatever else is installed
        AudioChunk audio = await WavFile.ReadMono16kAsync(Media("audio/jfk.wav"));
        var watch = Stopwatch.StartNew();
        string text = (await stt.TranscribeAsync(audio)).Text;
        double seconds = watch.Elapsed.TotalSeconds;
        Print("pocketsphinx.audio_seconds", audio.Duration.TotalSeconds);
        Print("pocketsphinx.wall_seconds", seconds);
        Print("pocketsphinx.real_time_factor", seconds / audio.Duration.TotalSeconds);
        Print("pocketsphinx.words", text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public static async Task ResampleAsync(string[] args)
    {
        AudioChunk audio = AudioResampler.ToMono(await WavFile.ReadAsync(Media("audio/ljspeech_ref_35s.wav")));
        AudioResampler.Resample(audio, 16_000);
        var watch = Stopwatch.StartNew();
        AudioChunk resampled = AudioResampler.Resample(audio, 16_000);
        double seconds = watch.Elapsed.TotalSeconds;
        Print("resample.from_hz", audio.SampleRateHz);
        Print("resample.audio_seconds", resampled.Duration.TotalSeconds);
        Print("resample.times_real_time", audio.Duration.TotalSeconds / seconds);
    }

    internal static string Media(string relative)
    {
        string shared = Environment.GetEnvironmentVariable("PIXELHOLO_SHARED_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RuntimeLocator.FindRepositoryRoot() ?? ".", "..", "shared");
        string path = Path.GetFullPath(Path.Combine(shared, "media", relative));
        return File.Exists(path) ? path : throw new FileNotFoundException($"Benchmark media {path} is missing; set PIXELHOLO_SHARED_DIR to the folder holding media/.", path);
    }

    internal static void Print(string name, double value) => Console.WriteLine($"{name} = {value.ToString("0.####", Invariant)}");

    private static async IAsyncEnumerable<AudioChunk> Chunks(AudioChunk audio, int size)
    {
        for (int at = 0; at < audio.Samples.Length; at += size)
        {
            int length = Math.Min(size, audio.Samples.Length - at);
            yield return new AudioChunk(audio.Samples.Slice(at, length), 16_000, 1, TimeSpan.FromSeconds(at / 16_000.0));
        }
        await Task.CompletedTask;
    }
}
