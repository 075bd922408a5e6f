using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Native;

/// <summary>A loaded sherpa-onnx streaming recogniser (a streaming zipformer transducer: encoder, decoder, joiner, tokens).
/// <see cref="CreateStream"/> gives one decoding session per utterance.</summary>
internal sealed unsafe class SherpaOnlineRecognizer : IDisposable
{
    public const int SampleRateHz = 16_000;

    private readonly SherpaOnlineRecognizerHandle _handle;

    private SherpaOnlineRecognizer(SherpaOnlineRecognizerHandle handle) => _handle = handle;

    /// <param name="files">encoder, decoder, joiner, tokens.</param>
    public static SherpaOnlineRecognizer Create(SherpaLibrary library, string folder, IReadOnlyList<string> files, string setting, string pullCommand)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count != 4) { throw new ArgumentException("A streaming transducer needs encoder, decoder, joiner and tokens.", nameof(files)); }
        library.EnsureLoaded();
        string[] paths = [.. files.Select(f => Path.Combine(folder, f))];
        SherpaLibrary.RequireFiles("streaming recogniser", setting, pullCommand, paths);
        using var strings = new Utf8Strings();
        SherpaOnlineRecognizerConfig config = BuildConfig(paths, strings, library.NumThreads, library.Options.Provider);
        SherpaOnlineRecognizerHandle handle = SherpaNative.SherpaOnnxCreateOnlineRecognizer(&config);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelLoadException(folder, setting,
                $"sherpa-onnx rejected the streaming model in '{folder}' (setting {setting}). Delete the folder and run `{pullCommand}` again.");
        }
        return new SherpaOnlineRecognizer(handle);
    }

    public static SherpaOnlineRecognizerConfig BuildConfig(IReadOnlyList<string> paths, Utf8Strings strings, int numThreads, string provider)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(strings);
        var config = new SherpaOnlineRecognizerConfig
        {
            feat_config = new SherpaFeatureConfig { sample_rate = SampleRateHz, feature_dim = 80 },
            decoding_method = strings.Add("greedy_search"),
            max_active_paths = 4,
            enable_endpoint = 0, // our VAD and end-of-turn decide where an utterance ends
        };
        config.model_config.transducer = new SherpaOnlineTransducerModelConfig
        {
            encoder = strings.Add(paths[0]), decoder = strings.Add(paths[1]), joiner = strings.Add(paths[2]),
        };
        config.model_config.tokens = strings.Add(paths[3]);
        config.model_config.num_threads = numThreads;
        config.model_config.provider = strings.Add(provider);
        return config;
    }

    public Stream CreateStream()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        SherpaOnlineStreamHandle stream = SherpaNative.SherpaOnnxCreateOnlineStream(_handle);
        if (stream.IsInvalid)
        {
            stream.Dispose();
            throw new InvalidOperationException("sherpa-onnx could not create an online stream.");
        }
        return new Stream(_handle, stream);
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>One utterance being decoded: feed audio, read the partial result, finish.</summary>
    internal sealed class Stream(SherpaOnlineRecognizerHandle recognizer, SherpaOnlineStreamHandle stream) : IDisposable
    {
        /// <summary>Feeds 16 kHz samples, decodes what is ready, and returns the result so far.</summary>
        public SherpaRecognition Accept(ReadOnlySpan<float> samples)
        {
            ObjectDisposedException.ThrowIf(stream.IsClosed, this);
            fixed (float* p = samples) { SherpaNative.SherpaOnnxOnlineStreamAcceptWaveform(stream, SampleRateHz, p, samples.Length); }
            return DecodeReady();
        }

        /// <summary>Marks the end of the audio and returns the final result.</summary>
        public SherpaRecognition Finish()
        {
            ObjectDisposedException.ThrowIf(stream.IsClosed, this);
            SherpaNative.SherpaOnnxOnlineStreamInputFinished(stream);
            return DecodeReady();
        }

        private SherpaRecognition DecodeReady()
        {
            while (SherpaNative.SherpaOnnxIsOnlineStreamReady(recognizer, stream) != 0) { SherpaNative.SherpaOnnxDecodeOnlineStream(recognizer, stream); }
            nint json = SherpaNative.SherpaOnnxGetOnlineStreamResultAsJson(recognizer, stream);
            try
            {
                return SherpaRecognition.Parse(Utf8Strings.Read(json));
            }
            finally
            {
                SherpaNative.SherpaOnnxDestroyOnlineStreamResultJson(json);
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
