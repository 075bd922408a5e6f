using Microsoft.ML.OnnxRuntime;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Speech.EndOfTurn;

/// <summary>Smart Turn v3.2 (Whisper-tiny encoder + head, int8 ONNX) on Microsoft.ML.OnnxRuntime: the last 8 s of the
/// utterance → <see cref="WhisperLogMel"/> → <c>input_features [1, 80, 800]</c> → P(complete), already a sigmoid. The
/// session opens on first use; when the file is absent <see cref="IsAvailable"/> is false (said once in the log) and the
/// turn uses the silence length.</summary>
internal sealed partial class SmartTurnEndOfTurnDetector : IEndOfTurnDetector, IDisposable
{
    public const string DefaultModelFile = "smart-turn-v3.2-cpu.onnx";
    public const string Setting = "EndOfTurn:ModelPath";

    private readonly EndOfTurnOptions _options;
    private readonly IOnnxSessionFactory _sessions;
    private readonly WhisperLogMel _features = new();
    private readonly Lazy<InferenceSession> _session;
    private readonly Lock _runGate = new();
    private bool _disposed;

    public SmartTurnEndOfTurnDetector(
        IOptions<EndOfTurnOptions> options, IOptions<RuntimeOptions> runtime, IOnnxSessionFactory sessions, ILogger<SmartTurnEndOfTurnDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        _options = options.Value;
        _sessions = sessions;
        ModelPath = _options.ModelPath is { Length: > 0 } p ? Path.GetFullPath(p) : Path.Combine(runtime.Value.ModelsPath, DefaultModelFile);
        _session = new Lazy<InferenceSession>(() => _sessions.Open(ModelPath, Setting, intraOpThreads: 1), LazyThreadSafetyMode.ExecutionAndPublication);
        if (!IsAvailable) { LogUnavailable(logger, ModelPath); }
    }

    public string Name => "smart-turn-v3.2";

    public string ModelPath { get; }

    public bool IsAvailable => File.Exists(ModelPath);

    public Task<EndOfTurnDecision> PredictAsync(ReadOnlyMemory<float> speech16kHz, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!IsAvailable)
        {
            throw new ModelLoadException(ModelPath, Setting,
                $"Cannot run end-of-turn detection: '{ModelPath}' (setting {Setting}) is missing. Run `pixelholo models pull turn` " +
                $"or set PIXELHOLO_EndOfTurn__ModelPath; until then the turn ends on the silence length.");
        }
        float[] features = _features.Compute(speech16kHz.Span);
        cancellationToken.ThrowIfCancellationRequested();
        double probability;
        lock (_runGate) // one run at a time on the shared session; a run is ~10-60 ms
        {
            using var input = OrtValue.CreateTensorValueFromMemory(features, [1, WhisperLogMel.MelBins, WhisperLogMel.Frames]);
            using var runOptions = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Value.Run(runOptions, ["input_features"], [input], _session.Value.OutputNames);
            probability = outputs[0].GetTensorDataAsSpan<float>()[0];
        }
        return Task.FromResult(new EndOfTurnDecision(probability >= _options.Threshold, probability));
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        if (_session.IsValueCreated) { _session.Value.Dispose(); }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "End-of-turn detection is off: {ModelPath} is missing (`pixelholo models pull turn`); turns end on the silence length")]
    private static partial void LogUnavailable(ILogger logger, string modelPath);
}
