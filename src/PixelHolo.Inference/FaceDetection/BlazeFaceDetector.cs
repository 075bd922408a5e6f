using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Vision;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Inference.FaceDetection;

/// <summary>MediaPipe BlazeFace (front 128 px or back 256 px) on ONNX Runtime. The frame is letterboxed into the
/// square input, keeping its aspect ratio, and the faces are mapped back to frame pixels. Safe for concurrent calls.
/// A missing or damaged model does not stop the container from building (enrollment's steps and tracking are resolved at
/// start): the detector is made, and each <see cref="Detect"/> throws the <see cref="ModelLoadException"/> with its fix, so
/// only what needs faces fails (issue 15, degraded not dead).</summary>
internal sealed class BlazeFaceDetector : IFaceDetector, IDisposable
{
    private const string Setting = "FaceDetection:Model";

    private readonly InferenceSession? _session;
    private readonly ModelLoadException? _unavailable;
    private readonly RunOptions _runOptions = new();
    private readonly FaceDetectionOptions _options;
    private readonly string[] _inputNames = [];
    private readonly string[] _outputNames = [];
    private readonly long[] _inputShape = [];
    private bool _disposed;

    public BlazeFaceDetector(IOptions<FaceDetectionOptions> options, IOnnxSessionFactory sessions, ModelStore models)
        : this(TryOpenSession(options.Value, sessions, models), options.Value)
    {
    }

    private BlazeFaceDetector((InferenceSession? Session, ModelLoadException? Unavailable) opened, FaceDetectionOptions options)
        : this(opened.Session, opened.Unavailable, options)
    {
    }

    /// <summary>Takes ownership of <paramref name="session"/>.</summary>
    internal BlazeFaceDetector(InferenceSession session, FaceDetectionOptions options)
        : this(session, null, options)
    {
    }

    private BlazeFaceDetector(InferenceSession? session, ModelLoadException? unavailable, FaceDetectionOptions options)
    {
        _session = session;
        _unavailable = unavailable;
        _options = options;
        if (session is null) { return; }
        try
        {
            (string input, int size) = FindInput(session);
            InputSize = size;
            _inputNames = [input];
            _inputShape = [1, size, size, 3];
            _outputNames =
            [
                FindOutput(session, BlazeFaceDecoder.Fine.Count, 1), FindOutput(session, BlazeFaceDecoder.Fine.Count, BlazeFaceDecoder.RegressorsPerAnchor),
                FindOutput(session, BlazeFaceDecoder.Coarse.Count, 1), FindOutput(session, BlazeFaceDecoder.Coarse.Count, BlazeFaceDecoder.RegressorsPerAnchor),
            ];
        }
        catch
        {
            _runOptions.Dispose();
            session.Dispose();
            throw;
        }
    }

    /// <summary>Side of the square model input in pixels: 128 (front) or 256 (back).</summary>
    public int InputSize { get; }

    /// <summary>Why face detection is off (the model is missing or damaged, and how to fix it), or null when it works.</summary>
    public string? UnavailableReason => _unavailable?.Message;

    public IReadOnlyList<DetectedFace> Detect(ReadOnlySpan<byte> rgb24, int width, int height)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        InferenceSession session = _session ?? throw _unavailable!;
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb24.Length < width * height * 3)
        {
            throw new ArgumentException(
                $"An RGB24 frame of {width}×{height} needs {width * height * 3} bytes but {rgb24.Length} were given. " +
                "Decode frames with ffmpeg `-f rawvideo -pix_fmt rgb24` at the stated size.", nameof(rgb24));
        }
        var letterbox = Letterbox.For(width, height, InputSize);
        using OrtValue input = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, _inputShape);
        letterbox.Fill(rgb24, width, height, input.GetTensorMutableDataAsSpan<float>());
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(_runOptions, _inputNames, [input], _outputNames);
        var candidates = new List<DetectedFace>();
        BlazeFaceDecoder.AddCandidates(candidates, BlazeFaceDecoder.Fine, outputs[0].GetTensorDataAsSpan<float>(),
            outputs[1].GetTensorDataAsSpan<float>(), _options.ScoreThreshold, letterbox, width, height);
        BlazeFaceDecoder.AddCandidates(candidates, BlazeFaceDecoder.Coarse, outputs[2].GetTensorDataAsSpan<float>(),
            outputs[3].GetTensorDataAsSpan<float>(), _options.ScoreThreshold, letterbox, width, height);
        return BlazeFaceDecoder.SuppressOverlaps(candidates, _options.NmsIouThreshold);
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        _runOptions.Dispose();
        _session?.Dispose();
    }

    private static (InferenceSession?, ModelLoadException?) TryOpenSession(FaceDetectionOptions options, IOnnxSessionFactory sessions, ModelStore models)
    {
        try
        {
            string path = models.RequirePath(options.ModelId, Setting);
            return (sessions.Open(path, Setting, options.IntraOpThreads > 0 ? options.IntraOpThreads : null), null);
        }
        catch (ModelLoadException ex)
        {
            return (null, ex); // logged once by the server's start-up check (Web/Status/StartupCheck), thrown by each Detect
        }
    }

    private static (string Name, int Size) FindInput(InferenceSession session)
    {
        foreach ((string name, NodeMetadata meta) in session.InputMetadata)
        {
            int[] d = meta.Dimensions;
            if (d.Length == 4 && d[3] == 3 && d[1] == d[2] && d[1] > 0) { return (name, d[1]); }
        }
        throw NotBlazeFace(session);
    }

    private static string FindOutput(InferenceSession session, int anchors, int values)
    {
        foreach ((string name, NodeMetadata meta) in session.OutputMetadata)
        {
            int[] d = meta.Dimensions;
            if (d.Length == 3 && d[1] == anchors && d[2] == values) { return name; }
        }
        throw NotBlazeFace(session);
    }

    private static ModelLoadException NotBlazeFace(InferenceSession session)
    {
        static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
            string.Join(", ", nodes.Select(n => $"{n.Key} [{string.Join(", ", n.Value.Dimensions)}]"));
        return new ModelLoadException("", Setting,
            "The face detection model is not a BlazeFace model: expected an input [1, S, S, 3] and outputs [1, 512, 1], " +
            $"[1, 512, 16], [1, 384, 1], [1, 384, 16]; found inputs {Describe(session.InputMetadata)} and outputs " +
            $"{Describe(session.OutputMetadata)}. Run `pixelholo models pull blazeface-front` to restore the packaged file.");
    }
}
