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
        ["turn-first-audio"] = TurnLatencyBenchmark.FirstAudioAsync,
        ["turn-spoken"] = TurnLatencyBenchmark.SpokenAsync,
        ["face-detection"] = FaceDetectionBenchmark.RunAsync,
        ["matte"] = MatteBenchmarks.WholeAsync,
        ["matte-eval"] = MatteBenchmarks.EvalAsync,
        ["matte-memory"] = MatteBenchmarks.MemoryAsync,
        ["matte-encode"] = MatteBenchmarks.EncodeAsync,
        ["lipsync-stream"] = LipSyncBenchmarks.StreamAsync,
        ["soak"] = SoakBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        // "bench NAME [NAME…] [ARGS…]": the leading known names run in turn, each given the arguments after them.
        string[] names = [.. args.TakeWhile(Benchmarks.ContainsKey)];
        if (args.Length > 0 && names.Length == 0)
        {
            await Console.Error.WriteLineAsync($"Unknown benchmark '{args[0]}'. Known: {string.Join(", ", Benchmarks.Keys)}.");
            return 2;
        }
        string[] rest = [.. args.Skip(names.Length)];
        foreach (string name in names.Length > 0 ? names : [.. Benchmarks.Keys])
        {
            Console.WriteLine($"## {name}");
            await Benchmarks[name](rest);
        }
        return 0;
    }
}
