using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Cli;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.EndOfTurn;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.SpeechToText;

namespace PixelHolo.Bench;

/// <summary>Native speech figures: speech-to-text real-time factor for every recogniser installed, Silero VAD through
/// sherpa-onnx, and the Whisper log-mel front end of Smart Turn.</summary>
internal static class SpeechNativeBenchmarks
{
    private static void Print(string name, double value) => SpeechBenchmarks.Print(name, value);

    /// <summary><c>bench stt</c>: each engine present on jfk.wav (11 s), after one warm-up run (model load excluded).</summary>
    public static async Task SttAsync(string[] args)
    {
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SpeechBenchmarks.Media("audio/jfk.wav"));
        Print("stt.cores", Environment.ProcessorCount);
        foreach (string engine in new[] { "parakeet", "moonshine", "whisper", "pocketsphinx" })
        {
            using IHost host = CliHost.Build(new Dictionary<string, string?> { ["SpeechToText:Engine"] = engine });
            var info = host.Services.GetRequiredService<ISpeechRecognizerInfo>();
            if (info.Engine != engine)
            {
                Console.WriteLine($"stt.{engine} = not installed (`pixelholo models pull stt`)");
                continue;
            }
            var recognizer = host.Services.GetRequiredService<IStreamingSpeechRecognizer>();
            await recognizer.TranscribeAsync(jfk); // warm-up and model load
            var watch = Stopwatch.StartNew();
            string text = (await recognizer.TranscribeAsync(jfk)).Text;
            double seconds = watch.Elapsed.TotalSeconds;
            Print($"stt.{engine}.real_time_factor", seconds / jfk.Duration.TotalSeconds);
            Console.WriteLine($"stt.{engine}.text = {text}");
        }
    }

    /// <summary><c>bench vad-sherpa</c>: Silero v6 through sherpa-onnx's VAD (its own ONNX Runtime) on 35.7 s of speech.</summary>
    public static async Task SherpaVadAsync(string[] args)
    {
        using IHost host = CliHost.Build();
        var library = host.Services.GetRequiredService<SherpaLibrary>();
        string model = Path.Combine(host.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.ModelsPath, "silero_vad.onnx");
        AudioChunk audio = await WavFile.ReadMono16kAsync(SpeechBenchmarks.Media("audio/ljspeech_ref_35s_16k_mono.wav"));
        const int Runs = 5;
        int segments = 0;
        var watch = new Stopwatch();
        for (int run = 0; run <= Runs; run++)
        {
            using SherpaVoiceActivityDetector vad = SherpaVoiceActivityDetector.Create(library, model, "VoiceActivity:ModelPath");
            if (run == 1) { watch.Start(); } // run 0 warms up
            segments = vad.Accept(audio.Samples.Span).Count + vad.Flush().Count;
        }
        double perRun = watch.Elapsed.TotalSeconds / Runs;
        Print("vad_sherpa.segments", segments);
        Print("vad_sherpa.times_real_time", audio.Duration.TotalSeconds / perRun);
        Print("vad_sherpa.ms_per_32ms_window", perRun * 1000 / (audio.Samples.Length / 512.0));
    }

    /// <summary><c>bench logmel</c>: Smart Turn's 8 s Whisper log-mel in C#.</summary>
    public static Task LogMelAsync(string[] args)
    {
        var logMel = new WhisperLogMel();
        float[] audio = new float[WhisperLogMel.Samples];
        var random = new Random(1);
        for (int i = 0; i < audio.Length; i++) { audio[i] = (float)(random.NextDouble() - 0.5) * 0.1f; }
        logMel.Compute(audio);
        const int Runs = 5;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Runs; i++) { logMel.Compute(audio); }
        Print("logmel.ms_per_8s_window", watch.Elapsed.TotalMilliseconds / Runs);
        return Task.CompletedTask;
    }
}
