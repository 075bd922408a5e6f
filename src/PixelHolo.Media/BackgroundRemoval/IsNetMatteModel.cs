using Microsoft.ML.OnnxRuntime;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>ISNet (DIS) "medium" from the packaged models: input <c>input</c> float32 [1,3,1024,1024] with pixels (p − 128) / 256,
/// output <c>output</c> [1,1,1024,1024] already in 0..1 (MODELS.md). The file is exported at a fixed 1024 × 1024 with float16
/// weights; it is loaded rewritten (<see cref="OnnxGraph.FreeSpatialSize"/>: any input size in multiples of 64, so a key frame can
/// be a crop around the person; on a CPU also <see cref="OnnxGraph.ToFloat32"/>: same output, about 40 % less CPU time, because
/// ONNX Runtime has no float16 kernels there and would cast around every operator). The session opens on the first prediction
/// under a <see cref="Lease"/> and closes when the last lease ends, so the server rests small between enrollment jobs; ONNX
/// Runtime sessions are safe for concurrent <c>Run</c> calls.</summary>
internal sealed class IsNetMatteModel : IMatteModel, IDisposable
{
    public const string ModelId = "isnet-medium";
    public const string Setting = "Matting:ModelPath";

    private readonly Func<InferenceSession> _open;
    private readonly string _licence;
    private readonly IOnnxSessionFactory _sessions;
    private readonly Lock _gate = new();
    private InferenceSession? _session;
    private int _leases;
    private int _running;
    private bool _disposed;

    public IsNetMatteModel(IOptions<MattingOptions> options, IOptions<InferenceOptions> inference, IOnnxSessionFactory sessions, ModelStore models)
    {
        MattingOptions o = options.Value;
        int? threads = Threads(o.ModelThreads, inference.Value.IntraOpThreads, Environment.ProcessorCount);
        _sessions = sessions;
        _licence = models.Catalog.Get(ModelId).Licence;
        _open = () =>
        {
            string path = o.ModelPath is { Length: > 0 } p ? p : models.RequirePath(ModelId, Setting);
            // Float32 only on the CPU: CUDA has float16 kernels and runs the file's own weights faster.
            return sessions.Open(path, Setting, threads,
                bytes => sessions.ExecutionProvider == "CUDA" ? OnnxGraph.FreeSpatialSize(bytes) : OnnxGraph.ToFloat32(OnnxGraph.FreeSpatialSize(bytes)));
        };
    }

    /// <summary>The model's intra-op threads: <see cref="MattingOptions.ModelThreads"/>, else Inference:IntraOpThreads (null: that
    /// setting applies), else all cores but one, because the per-frame pass runs beside the model on one core (MattePipeline).</summary>
    internal static int? Threads(int modelThreads, int inferenceThreads, int processors) =>
        modelThreads > 0 ? modelThreads : inferenceThreads > 0 ? null : Math.Max(1, processors - 1);

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

    public Task LoadAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_leases > 0) { _session ??= _open(); }   // outside a lease nothing would close it again
        }
    }, cancellationToken);

    public Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken) =>
        PredictAsync(rgb24, width, height, ModelRegion.Reference(width, height), outputWidth, outputHeight, cancellationToken);

    public Task<float[]> PredictAsync(
        ReadOnlyMemory<byte> rgb24, int width, int height, ModelRegion region, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(region);
        if (rgb24.Length < width * height * 3)
        {
            throw new ArgumentException($"Expected {width}×{height}×3 bytes of RGB24, got {rgb24.Length}.", nameof(rgb24));
        }
        if (region.InputWidth % ModelRegion.Granularity != 0 || region.InputHeight % ModelRegion.Granularity != 0)
        {
            throw new ArgumentException($"The model input must be a multiple of {ModelRegion.Granularity} on each side, not {region.InputWidth}×{region.InputHeight}.", nameof(region));
        }
        return Task.Run(() =>
        {
            using MatteModelLease lease = Lease();   // a prediction outside any job's lease loads and releases the model itself
            return Predict(rgb24.Span, width, height, region, outputWidth, outputHeight, cancellationToken);
        }, cancellationToken);
    }

    private float[] Predict(ReadOnlySpan<byte> rgb24, int width, int height, ModelRegion region, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        float[] tensor = Input(rgb24, width, height, region);
        InferenceSession session;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            session = _session ??= _open();
            _running++;
        }
        try
        {
            return Run(session, tensor, region, width, height, outputWidth, outputHeight, cancellationToken);
        }
        finally
        {
            lock (_gate) { _running--; }
            CloseIfIdle();
        }
    }

    /// <summary>The region resampled (bilinear, edge pixels repeated past the frame) into a planar tensor of (p − 128) / 256.</summary>
    internal static float[] Input(ReadOnlySpan<byte> rgb24, int width, int height, ModelRegion region)
    {
        int iw = region.InputWidth, ih = region.InputHeight, plane = iw * ih;
        var tensor = new float[3 * plane];
        double sx = region.Width / iw, sy = region.Height / ih;
        var x0s = new int[iw];
        var x1s = new int[iw];
        var fxs = new float[iw];
        for (int x = 0; x < iw; x++)
        {
            double fx = Math.Clamp(region.X + ((x + 0.5) * sx) - 0.5, 0, width - 1);
            x0s[x] = (int)fx;
            x1s[x] = Math.Min(width - 1, x0s[x] + 1);
            fxs[x] = (float)(fx - x0s[x]);
        }
        for (int y = 0; y < ih; y++)
        {
            double fy = Math.Clamp(region.Y + ((y + 0.5) * sy) - 0.5, 0, height - 1);
            int y0 = (int)fy, y1 = Math.Min(height - 1, y0 + 1);
            float wy = (float)(fy - y0);
            int row0 = y0 * width * 3, row1 = y1 * width * 3;
            for (int x = 0; x < iw; x++)
            {
                int a = row0 + (x0s[x] * 3), b = row0 + (x1s[x] * 3), c = row1 + (x0s[x] * 3), d = row1 + (x1s[x] * 3);
                float wx = fxs[x];
                for (int ch = 0; ch < 3; ch++)
                {
                    float top = rgb24[a + ch] + ((rgb24[b + ch] - rgb24[a + ch]) * wx);
                    float bottom = rgb24[c + ch] + ((rgb24[d + ch] - rgb24[c + ch]) * wx);
                    tensor[(ch * plane) + (y * iw) + x] = (top + ((bottom - top) * wy) - 128f) / 256f;
                }
            }
        }
        return tensor;
    }

    /// <summary>The model's output (input size) laid back over the whole frame at output size: 0 outside the region.</summary>
    internal static float[] Output(ReadOnlySpan<float> alpha, ModelRegion region, int width, int height, int outputWidth, int outputHeight)
    {
        int iw = region.InputWidth, ih = region.InputHeight;
        var result = new float[outputWidth * outputHeight];
        double ox = width / (double)outputWidth, oy = height / (double)outputHeight;
        for (int y = 0; y < outputHeight; y++)
        {
            double sourceY = (y + 0.5) * oy;
            double iy = ((sourceY - region.Y) * ih / region.Height) - 0.5;
            if (iy < -0.5 || iy > ih - 0.5) { continue; }
            iy = Math.Clamp(iy, 0, ih - 1);
            int y0 = (int)iy, y1 = Math.Min(ih - 1, y0 + 1);
            float wy = (float)(iy - y0);
            for (int x = 0; x < outputWidth; x++)
            {
                double ix = ((((x + 0.5) * ox) - region.X) * iw / region.Width) - 0.5;
                if (ix < -0.5 || ix > iw - 0.5) { continue; }
                ix = Math.Clamp(ix, 0, iw - 1);
                int x0 = (int)ix, x1 = Math.Min(iw - 1, x0 + 1);
                float wx = (float)(ix - x0);
                float top = alpha[(y0 * iw) + x0] + ((alpha[(y0 * iw) + x1] - alpha[(y0 * iw) + x0]) * wx);
                float bottom = alpha[(y1 * iw) + x0] + ((alpha[(y1 * iw) + x1] - alpha[(y1 * iw) + x0]) * wx);
                result[(y * outputWidth) + x] = Math.Clamp(top + ((bottom - top) * wy), 0f, 1f);
            }
        }
        return result;
    }

    private static float[] Run(InferenceSession session, float[] tensor, ModelRegion region, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, 3, region.InputHeight, region.InputWidth]);
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
            return Output(outputs[0].GetTensorDataAsSpan<float>(), region, width, height, outputWidth, outputHeight);
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
