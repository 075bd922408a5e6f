using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Native;

/// <summary>A loaded sherpa-onnx offline recogniser (Parakeet, Moonshine, Whisper). Loading is the expensive part; each
/// <see cref="Recognize"/> makes a cheap stream of its own, so calls may overlap.</summary>
internal sealed unsafe class SherpaOfflineRecognizer : IDisposable
{
    public const int SampleRateHz = 16_000;

    private readonly SherpaOfflineRecognizerHandle _handle;

    private SherpaOfflineRecognizer(SherpaOfflineRecognizerHandle handle, SherpaRecognizerModel model)
    {
        _handle = handle;
        Model = model;
    }

    public SherpaRecognizerModel Model { get; }

    public static SherpaOfflineRecognizer Create(SherpaLibrary library, SherpaRecognizerModel model)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(model);
        library.EnsureLoaded();
        SherpaLibrary.RequireFiles($"{model.Engine} recogniser", model.Setting, model.PullCommand, [.. model.Paths]);
        using var strings = new Utf8Strings();
        SherpaOfflineRecognizerConfig config = BuildConfig(model, strings, library.NumThreads, library.Options.Provider);
        SherpaOfflineRecognizerHandle handle = SherpaNative.SherpaOnnxCreateOfflineRecognizer(&config);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelLoadException(model.Folder, model.Setting,
                $"sherpa-onnx rejected the {model.Engine} model in '{model.Folder}' (setting {model.Setting}): the files are there but do not load " +
                $"as a {model.Kind} model. Delete the folder and run `{model.PullCommand}` again.");
        }
        return new SherpaOfflineRecognizer(handle, model);
    }

    /// <summary>The native config for <paramref name="model"/>; every string lives in <paramref name="strings"/>.</summary>
    public static SherpaOfflineRecognizerConfig BuildConfig(SherpaRecognizerModel model, Utf8Strings strings, int numThreads, string provider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(strings);
        var config = new SherpaOfflineRecognizerConfig
        {
            feat_config = new SherpaFeatureConfig { sample_rate = SampleRateHz, feature_dim = 80 },
            decoding_method = strings.Add("greedy_search"),
            max_active_paths = 4,
        };
        ref SherpaOfflineModelConfig m = ref config.model_config;
        m.num_threads = numThreads;
        m.provider = strings.Add(provider);
        switch (model.Kind)
        {
            case SherpaRecognizerKind.NemoTransducer:
                m.transducer.encoder = strings.Add(model.PathOf(0));
                m.transducer.decoder = strings.Add(model.PathOf(1));
                m.transducer.joiner = strings.Add(model.PathOf(2));
                m.tokens = strings.Add(model.PathOf(3));
                m.model_type = strings.Add("nemo_transducer");
                break;
            case SherpaRecognizerKind.Moonshine:
                m.moonshine.encoder = strings.Add(model.PathOf(0));
                m.moonshine.merged_decoder = strings.Add(model.PathOf(1));
                m.tokens = strings.Add(model.PathOf(2));
                break;
            case SherpaRecognizerKind.Whisper:
                m.whisper.encoder = strings.Add(model.PathOf(0));
                m.whisper.decoder = strings.Add(model.PathOf(1));
                m.whisper.language = strings.Add("en");
                m.whisper.task = strings.Add("transcribe");
                m.whisper.tail_paddings = -1;
                m.tokens = strings.Add(model.PathOf(2));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(model), model.Kind, "Unknown recogniser kind.");
        }
        return config;
    }

    /// <summary>Decodes 16 kHz mono samples. Blocking (tens to hundreds of ms): call it off the caller's thread.</summary>
    public SherpaRecognition Recognize(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        using SherpaOfflineStreamHandle stream = SherpaNative.SherpaOnnxCreateOfflineStream(_handle);
        if (stream.IsInvalid) { throw new InvalidOperationException("sherpa-onnx could not create an offline stream."); }
        fixed (float* p = samples) { SherpaNative.SherpaOnnxAcceptWaveformOffline(stream, SampleRateHz, p, samples.Length); }
        SherpaNative.SherpaOnnxDecodeOfflineStream(_handle, stream);
        nint json = SherpaNative.SherpaOnnxGetOfflineStreamResultAsJson(stream);
        try
        {
            return SherpaRecognition.Parse(Utf8Strings.Read(json));
        }
        finally
        {
            SherpaNative.SherpaOnnxDestroyOfflineStreamResultJson(json);
        }
    }

    public void Dispose() => _handle.Dispose();
}
