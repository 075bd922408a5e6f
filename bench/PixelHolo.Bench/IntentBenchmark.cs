using System.Diagnostics;
using System.Globalization;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Search;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>Intent classifier: load time, per-utterance latency after load, training time, and the test-split
/// figures of the model and of the original program's method (for docs/benchmarks.md, "Intent and search").</summary>
internal static class IntentBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        string data = Path.Combine(RuntimeLocator.FindRepositoryRoot() ?? ".", "data", "intent");
        string modelPath = Path.Combine(data, IntentModelPaths.ModelFileName);
        double threshold = IntentModelMetadata.Read(modelPath).Threshold;
        IReadOnlyList<IntentExample> test = await IntentDataset.ReadAsync(Path.Combine(data, "test.tsv"));
        IReadOnlyList<IntentExample> train = await IntentDataset.ReadAsync(Path.Combine(data, "train.tsv"));
        IReadOnlyList<IntentExample> original = await IntentDataset.ReadAsync(Path.Combine(data, "original-39.tsv"));

        var clock = Stopwatch.StartNew();
        using (var cold = TrainedIntentModel.Load(modelPath, threshold)) { cold.Classify("warm up"); }
        double coldMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        using var model = TrainedIntentModel.Load(modelPath, threshold);
        model.Classify("warm up");
        double warmMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(c, $"load + first prediction: {coldMs:F0} ms in a fresh process (JIT included), {warmMs:F0} ms when loaded again"));

        foreach (IntentExample row in test) { model.Classify(row.Text); }
        const int Rounds = 5;
        var samples = new List<double>(test.Count * Rounds);
        for (int round = 0; round < Rounds; round++)
        {
            foreach (IntentExample row in test)
            {
                long start = Stopwatch.GetTimestamp();
                model.Classify(row.Text);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        samples.Sort();
        Console.WriteLine(string.Create(c,
            $"latency per utterance after load ({samples.Count} calls, one thread): mean {samples.Average():F0} µs, p50 {samples[samples.Count / 2]:F0} µs, p99 {samples[(int)(samples.Count * 0.99)]:F0} µs"));

        clock.Restart();
        int calls = 0;
        Parallel.For(0, test.Count * Rounds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            model.Classify(test[i % test.Count].Text);
            Interlocked.Increment(ref calls);
        });
        Console.WriteLine(string.Create(c, $"throughput, {Environment.ProcessorCount} threads sharing one model: {calls / clock.Elapsed.TotalSeconds:F0} utterances/s"));

        clock.Restart();
        var trainer = new IntentModelTrainer();
        var (retrained, metadata) = trainer.TrainWithCrossValidatedThreshold(train);
        retrained.Dispose();
        Console.WriteLine(string.Create(c, $"train on {train.Count} rows with 5-fold threshold selection: {clock.Elapsed.TotalSeconds:F1} s (threshold {metadata.Threshold:F2})"));

        IntentEvaluation ours = IntentEvaluation.Evaluate(model, test);
        using TrainedIntentModel baselineModel = trainer.TrainOriginalBaseline(original);
        IntentEvaluation baseline = IntentEvaluation.Evaluate(baselineModel, test);
        Console.WriteLine($"| method (on test.tsv, {test.Count} rows) | accuracy | precision | recall | F1 |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(Row(c, $"ours (threshold {threshold:F2})", ours));
        Console.WriteLine(Row(c, "original method, its 39 rows (baseline)", baseline));
    }

    private static string Row(CultureInfo c, string name, IntentEvaluation e) =>
        string.Create(c, $"| {name} | {e.Accuracy:P1} | {e.Precision:P1} | {e.Recall:P1} | {e.F1:P1} |");
}
