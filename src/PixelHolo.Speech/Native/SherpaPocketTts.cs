using System.Globalization;
using System.Runtime.InteropServices;
using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Native;

/// <summary>sherpa-onnx's offline TTS with the Kyutai Pocket TTS model (sherpa release
/// <c>sherpa-onnx-pocket-tts-int8-2026-01-26</c>): zero-shot cloning from reference audio. sherpa computes the voice
/// embedding from the reference on first use and keeps it in an LRU cache keyed by the audio
/// (<c>voice_embedding_cache_capacity</c>), so passing the same profile samples again skips the encoder; the C API has no
/// call to export that embedding, so it cannot be stored on disk.</summary>
internal sealed unsafe class SherpaPocketTts : IDisposable
{
    public const string Folder = "sherpa-onnx-pocket-tts-int8-2026-01-26";
    public const string Setting = "PocketTts:Directory";
    public const string PullCommand = "pixelholo models pull tts";

    /// <summary>In the order the config takes them.</summary>
    public static readonly IReadOnlyList<string> Files =
        ["lm_flow.int8.onnx", "lm_main.int8.onnx", "encoder.onnx", "decoder.int8.onnx", "text_conditioner.onnx", "vocab.json", "token_scores.json"];

    private readonly SherpaOfflineTtsHandle _handle;

    private SherpaPocketTts(SherpaOfflineTtsHandle handle)
    {
        _handle = handle;
        SampleRateHz = SherpaNative.SherpaOnnxOfflineTtsSampleRate(handle);
    }

    /// <summary>24,000 for Pocket TTS.</summary>
    public int SampleRateHz { get; }

    /// <summary>Null when every file is in <paramref name="folder"/>; otherwise which is missing and what to do.</summary>
    public static string? MissingReason(string folder) => Files.FirstOrDefault(f => !File.Exists(Path.Combine(folder, f))) is { } missing
        ? $"Pocket TTS's '{missing}' is missing from {folder} (setting {Setting}). Run `{PullCommand}` (it explains the model's terms)."
        : null;

    public static SherpaPocketTts Create(SherpaLibrary library, string folder, int voiceCacheCapacity = 8)
    {
        ArgumentNullException.ThrowIfNull(library);
        library.EnsureLoaded();
        SherpaLibrary.RequireFiles("Pocket TTS model", Setting, PullCommand, [.. Files.Select(f => Path.Combine(folder, f))]);
        using var strings = new Utf8Strings();
        SherpaTtsConfig config = BuildConfig(folder, strings, library.NumThreads, library.Options.Provider, voiceCacheCapacity);
        SherpaOfflineTtsHandle handle = SherpaNative.SherpaOnnxCreateOfflineTts(&config);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelLoadException(folder, Setting,
                $"sherpa-onnx rejected the Pocket TTS files in '{folder}' (setting {Setting}). Delete the folder and run `{PullCommand}` again.");
        }
        return new SherpaPocketTts(handle);
    }

    public static SherpaTtsConfig BuildConfig(string folder, Utf8Strings strings, int numThreads, string provider, int voiceCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(strings);
        nint F(int i) => strings.Add(Path.Combine(folder, Files[i]));
        var config = new SherpaTtsConfig { max_num_sentences = 1, silence_scale = 0.2f };
        config.model.num_threads = numThreads;
        config.model.provider = strings.Add(provider);
        config.model.pocket = new SherpaTtsPocketModelConfig
        {
            lm_flow = F(0), lm_main = F(1), encoder = F(2), decoder = F(3), text_conditioner = F(4), vocab_json = F(5), token_scores_json = F(6),
            voice_embedding_cache_capacity = voiceCacheCapacity,
        };
        return config;
    }

    /// <summary>The <c>extra</c> JSON of the generation config (keys read by sherpa's Pocket implementation).</summary>
    public static string ExtraJson(TimeSpan maxReference, float temperature, int? seed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"max_reference_audio_len\": {maxReference.TotalSeconds:0.###}, \"temperature\": {temperature:0.###}{(seed is { } s ? $", \"seed\": {s}" : "")}}}");

    /// <summary>Speaks <paramref name="text"/> in the voice of <paramref name="reference"/>. <paramref name="onChunk"/> gets
    /// each decoded chunk as it comes and returns false to stop (cancellation). Blocking: call it on a worker thread.
    /// Returns false when it was stopped.</summary>
    public bool Generate(string text, ReadOnlySpan<float> reference, int referenceRateHz, string extraJson, Func<ReadOnlySpan<float>, bool> onChunk)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        ArgumentNullException.ThrowIfNull(onChunk);
        using var strings = new Utf8Strings();
        var state = new CallbackState(onChunk);
        GCHandle gc = GCHandle.Alloc(state);
        try
        {
            fixed (float* refPtr = reference)
            {
                var config = new SherpaGenerationConfig
                {
                    speed = 1f,
                    silence_scale = 0.2f,
                    reference_audio = (nint)refPtr,
                    reference_audio_len = reference.Length,
                    reference_sample_rate = referenceRateHz,
                    num_steps = 1, // the distilled flow: one LSD step (sherpa's default)
                    extra = strings.Add(extraJson),
                };
                SherpaGeneratedAudio* audio = SherpaNative.SherpaOnnxOfflineTtsGenerateWithConfig(
                    _handle, strings.Add(text), &config, &OnChunk, GCHandle.ToIntPtr(gc));
                if (audio is not null) { SherpaNative.SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio); }
            }
            if (state.Error is { } error) { throw new InvalidOperationException("The audio consumer failed while Pocket TTS was speaking.", error); }
            return !state.Stopped;
        }
        finally
        {
            gc.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int OnChunk(float* samples, int n, float progress, nint arg)
    {
        var state = (CallbackState)GCHandle.FromIntPtr(arg).Target!;
        try
        {
            bool go = state.OnChunk(new ReadOnlySpan<float>(samples, n));
            state.Stopped |= !go;
            return go ? 1 : 0;
        }
        catch (Exception ex) // an exception must not cross into native code: keep it, stop, rethrow after the call
        {
            state.Error = ex;
            state.Stopped = true;
            return 0;
        }
    }

    public void Dispose() => _handle.Dispose();

    private sealed class CallbackState(Func<ReadOnlySpan<float>, bool> onChunk)
    {
        public Func<ReadOnlySpan<float>, bool> OnChunk { get; } = onChunk;

        public bool Stopped { get; set; }

        public Exception? Error { get; set; }
    }
}
