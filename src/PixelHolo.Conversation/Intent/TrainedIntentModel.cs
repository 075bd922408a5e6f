using System.Collections.Concurrent;
using Microsoft.ML;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Intent;

/// <summary>A loaded or freshly trained intent model with its threshold. Thread-safe: ML.NET's
/// <see cref="PredictionEngine{TSrc,TDst}"/> is not, and PredictionEnginePool needs the ASP.NET extension
/// package, so engines are pooled here: a caller takes one from a bag and puts it back. Unlike one engine per
/// thread (ThreadLocal), the bag holds only as many engines as there were concurrent callers, and unlike a lock
/// it never makes the web host's turns wait for each other.</summary>
internal sealed class TrainedIntentModel : IIntentClassifier, IDisposable
{
    private readonly MLContext _ml;
    private readonly ConcurrentBag<PredictionEngine<IntentRow, IntentScore>> _engines = [];
    private bool _disposed;

    public TrainedIntentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        _ml = ml;
        Model = model;
        InputSchema = inputSchema;
        Threshold = threshold;
    }

    public ITransformer Model { get; }

    public DataViewSchema InputSchema { get; }

    public double Threshold { get; }

    /// <summary>Loads a model zip saved by <see cref="SaveAsync"/>.</summary>
    public static TrainedIntentModel Load(string path, double threshold)
    {
        var ml = new MLContext(IntentModelTrainer.DefaultSeed);
        using FileStream stream = File.OpenRead(path);
        ITransformer model = ml.Model.Load(stream, out DataViewSchema schema);
        return new TrainedIntentModel(ml, model, schema, threshold);
    }

    public IntentPrediction Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<IntentRow, IntentScore>(Model, InputSchema);
        }
        try
        {
            float score = engine.Predict(new IntentRow { Text = text }).Probability;
            if (float.IsNaN(score)) { score = 0; }
            return new IntentPrediction(text, score >= Threshold, score);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Writes the model zip and its metadata json, each to a temporary file moved into place.</summary>
    public async Task SaveAsync(string path, IntentModelMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tempZip = $"{full}.{Guid.NewGuid():N}.tmp";
        string json = IntentModelMetadata.PathFor(full);
        string tempJson = $"{json}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = File.Create(tempZip))
            {
                _ml.Model.Save(Model, InputSchema, stream);
                stream.Flush(flushToDisk: true);
            }
            await File.WriteAllTextAsync(tempJson, metadata.ToJson() + "\n", cancellationToken);
            File.Move(tempZip, full, overwrite: true);
            File.Move(tempJson, json, overwrite: true);
        }
        finally
        {
            File.Delete(tempZip);
            File.Delete(tempJson);
        }
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        while (_engines.TryTake(out var engine)) { engine.Dispose(); }
    }
}
