using Microsoft.ML.OnnxRuntime;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>ISNet (DIS) "medium" from the packaged models: input <c>input</c> float32 [1,3,1024,1024] with pixels (p − 128) / 256,
/// output <c>output</c> [1,1,1024,1024] already in 0..1 (MODELS.md). The session (about 2 GB resident with its buffers on a CPU)
/// opens on the first prediction under a <see cref="Lease"/> and closes when the last lease ends, so the server rests small
/// between enrollment jobs; ONNX Runtime sessions are safe for concurrent <c>Run</c> calls.</summary>
internal sealed class IsNetMatteModel : IMatteModel, IDisposable
{
    public const string ModelId = "isnet-medium";
    public const string Setting = "Matting:ModelPath";
    private const int Size = 1024;

    private readonly Func<InferenceSession> _open;
    private readonly string _licence;
    private readonly IOnnxSessionFactory _sessions;
    private readonly Lock _gate = new();
    private InferenceSession? _session;
    private int _leases;
    private int _running;
    private bool _disposed;

    public IsNetMatteModel(IOptions<MattingOptions> options, IOnnxSessionFactory sessions, ModelStore models)
    {
        MattingOptions o = options.Value;
        _sessions = sessions;
        _licence = models.Catalog.Get(ModelId).Licence;
        _open = () =>
        {
            string path = o.ModelPath is { Length: > 0 } p ? p : models.RequirePath(ModelId, Setting);
            return sessions.Open(path, Setting, o.ModelThreads > 0 ? o.ModelThreads : null);
        };
    }

    public string Id => ModelId;

    public string Licence => _licence;

    public string ExecutionProvider => _sessions.ExecutionProvider;

    /// <summary>True while the session is open (tests and the memory benchmark read it).</summary>
    public bool IsLoaded
    {
        get { lock (_gate) { return _session is not null; } }
    }

    public MatteModelLease Lease()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _leases++;
        }
        return new MatteModelLease(Release);
    }

    public Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rgb24.Length < width * height * 3)
        {
            throw new ArgumentException($"Expected {width}×{height}×3 bytes of RGB24, got {rgb24.Length}.", nameof(rgb24));
        }
        return Task.Run(() =>
        {
            using MatteModelLease lease = Lease();   // a prediction outside any job's lease loads and releases the model itself
            return Predict(rgb24.Span, width, height, outputWidth, outputHeight, cancellationToken);
        }, cancellationToken);
    }

    private float[] Predict(ReadOnlySpan<byte> rgb24, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        var tensor = new float[3 * Size * Size];
        var plane = new float[width * height];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0, j = c; i < plane.Length; i++, j += 3) { plane[i] = (rgb24[j] - 128f) / 256f; }
            ImageOps.ResizeBilinear(plane, width, height, tensor.AsSpan(c * Size * Size, Size * Size), Size, Size);
        }
        InferenceSession session;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            session = _session ??= _open();
            _running++;
        }
        try
        {
            return Run(session, tensor, outputWidth, outputHeight, cancellationToken);
        }
        finally
        {
            lock (_gate) { _running--; }
            CloseIfIdle();
        }
    }

    private static float[] Run(InferenceSession session, float[] tensor, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, 3, Size, Size]);
        using var runOptions = new RunOptions();
        using CancellationTokenRegistration registration = cancellationToken.Register(() => runOptions.Terminate = true);
        cancellationToken.ThrowIfCancellationRequested();
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = session.Run(runOptions, ["input"], [input], ["output"]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        using (outputs)
        {
            ReadOnlySpan<float> alpha = outputs[0].GetTensorDataAsSpan<float>();
            var result = new float[outputWidth * outputHeight];
            ImageOps.ResizeBilinear(alpha, Size, Size, result, outputWidth, outputHeight);
            for (int i = 0; i < result.Length; i++) { result[i] = Math.Clamp(result[i], 0f, 1f); }
            return result;
        }
    }

    private void Release()
    {
        lock (_gate) { _leases--; }
        CloseIfIdle();
    }

    /// <summary>Closes the session when no lease holds it and no run uses it, and hands the freed native memory back to the system.</summary>
    private void CloseIfIdle()
    {
        InferenceSession? closing;
        lock (_gate)
        {
            if (_leases > 0 || _running > 0 || _session is null) { return; }
            closing = _session;
            _session = null;
        }
        closing.Dispose();
        NativeHeap.Trim();
    }

    public void Dispose()
    {
        InferenceSession? closing;
        lock (_gate)
        {
            if (_disposed) { return; }
            _disposed = true;
            closing = _session;
            _session = null;
        }
        closing?.Dispose();
    }
}
