using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Intent;

/// <summary>The committed ML.NET model behind <see cref="IIntentClassifier"/>: loaded once, on first use, so that
/// commands that never classify do not pay for it.</summary>
internal sealed partial class MlNetIntentClassifier : IIntentClassifier, IDisposable
{
    private readonly Lazy<TrainedIntentModel> _model;

    public MlNetIntentClassifier(IOptions<IntentOptions> options, TimeProvider time, ILogger<MlNetIntentClassifier> logger)
    {
        IntentOptions o = options.Value;
        _model = new Lazy<TrainedIntentModel>(() => Load(o, time, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The threshold in use (configured, or the one stored with the model).</summary>
    public double Threshold => _model.Value.Threshold;

    public IntentPrediction Classify(string text) => _model.Value.Classify(text);

    public void Dispose()
    {
        if (_model.IsValueCreated) { _model.Value.Dispose(); }
    }

    private static TrainedIntentModel Load(IntentOptions options, TimeProvider time, ILogger logger)
    {
        string path = IntentModelPaths.Resolve(options.ModelPath);
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "Intent:ModelPath",
                $"Cannot load the intent model: '{path}' (setting Intent:ModelPath) is missing. It is committed as " +
                "data/intent/intent-model.zip; rebuild to copy it beside the program, run `pixelholo intent train`, " +
                "or set PIXELHOLO_Intent__ModelPath.");
        }
        long started = time.GetTimestamp();
        try
        {
            double threshold = options.Threshold ?? IntentModelMetadata.Read(path).Threshold;
            var model = TrainedIntentModel.Load(path, threshold);
            LogLoaded(logger, path, threshold, time.GetElapsedTime(started).TotalMilliseconds);
            return model;
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or System.Text.Json.JsonException or FileNotFoundException)
        {
            throw new ModelLoadException(path, "Intent:ModelPath",
                $"Cannot load the intent model '{path}': {ex.Message} Retrain it with `pixelholo intent train` or point Intent:ModelPath at a good copy.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent model {Path} loaded in {ElapsedMs:F0} ms, threshold {Threshold:F2}")]
    private static partial void LogLoaded(ILogger logger, string path, double threshold, double elapsedMs);
}
