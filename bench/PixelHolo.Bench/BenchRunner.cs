namespace PixelHolo.Bench;

/// <summary>Runs the named benchmarks (or all) and prints one figure per line, ready for docs/benchmarks.md.</summary>
internal static class BenchRunner
{
    private static readonly Dictionary<string, Func<string[], Task>> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["startup"] = FoundationBenchmarks.StartupAsync,
        ["upload"] = FoundationBenchmarks.UploadAsync,
        ["enroll"] = FoundationBenchmarks.EnrollAsync,
        ["intent"] = IntentBenchmark.RunAsync,
        ["vad"] = SpeechBenchmarks.VadAsync,
        ["espeak"] = SpeechBenchmarks.EspeakAsync,
        ["stt"] = SpeechNativeBenchmarks.SttAsync,
        ["vad-sherpa"] = SpeechNativeBenchmarks.SherpaVadAsync,
        ["logmel"] = SpeechNativeBenchmarks.LogMelAsync,
        ["voice-matched"] = VoiceBenchmarks.MatchedAsync,
        ["pocketsphinx"] = SpeechBenchmarks.PocketSphinxAsync,
        ["resample"] = SpeechBenchmarks.ResampleAsync,
        ["sqlite-turns"] = StorageBenchmarks.TurnsAsync,
        ["turn-overhead"] = TurnBenchmark.OverheadAsync,
        ["face-detection"] = FaceDetectionBenchmark.RunAsync,
        ["matte"] = MatteBenchmarks.WholeAsync,
        ["matte-eval"] = MatteBenchmarks.EvalAsync,
        ["matte-memory"] = MatteBenchmarks.MemoryAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        string[] names = args.Length > 0 ? args : [.. Benchmarks.Keys];
        foreach (string name in names)
        {
            if (!Benchmarks.TryGetValue(name, out var run))
            {
                await Console.Error.WriteLineAsync($"Unknown benchmark '{name}'. Known: {string.Join(", ", Benchmarks.Keys)}.");
                return 2;
            }
            Console.WriteLine($"## {name}");
            await run(args);
        }
        return 0;
    }
}
