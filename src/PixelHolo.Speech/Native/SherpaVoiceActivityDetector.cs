using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Native;

/// <summary>sherpa-onnx's voice activity detector over a Silero model (the packaged Silero v6 file works: sherpa treats
/// it as "v5", three inputs with 64 samples of context). Fed in 512-sample windows — handing it a long buffer at once
/// loses all but the last segment (measured on jfk.wav). Not thread-safe: one per stream.</summary>
internal sealed unsafe class SherpaVoiceActivityDetector : IDisposable
{
    public const int SampleRateHz = 16_000;
    private const int WindowSamples = 512;

    private readonly SherpaVadHandle _handle;

    private SherpaVoiceActivityDetector(SherpaVadHandle handle) => _handle = handle;

    /// <param name="setting">The setting that names <paramref name="modelPath"/>, quoted in errors.</param>
    public static SherpaVoiceActivityDetector Create(
        SherpaLibrary library, string modelPath, string setting, float threshold = 0.5f, TimeSpan? minSilence = null,
        TimeSpan? minSpeech = null, TimeSpan? maxSpeech = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        library.EnsureLoaded();
        SherpaLibrary.RequireFiles("Silero VAD model", setting, "pixelholo models pull silero-vad", modelPath);
        using var strings = new Utf8Strings();
        var config = new SherpaVadModelConfig
        {
            silero_vad = new SherpaVadSubModelConfig
            {
                model = strings.Add(modelPath),
                threshold = threshold,
                min_silence_duration = (float)(minSilence ?? TimeSpan.FromSeconds(0.5)).TotalSeconds,
                min_speech_duration = (float)(minSpeech ?? TimeSpan.FromSeconds(0.25)).TotalSeconds,
                window_size = WindowSamples,
                max_speech_duration = (float)(maxSpeech ?? TimeSpan.FromSeconds(20)).TotalSeconds,
            },
            sample_rate = SampleRateHz,
            num_threads = 1,
            provider = strings.Add(library.Options.Provider),
        };
        SherpaVadHandle handle = SherpaNative.SherpaOnnxCreateVoiceActivityDetector(&config, 60f);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new ModelLoadException(modelPath, setting,
                $"sherpa-onnx could not create a voice activity detector from '{modelPath}' (setting {setting}): it is not a Silero v4/v5/v6 model. " +
                "Run `pixelholo models pull silero-vad` for the packaged one.");
        }
        return new SherpaVoiceActivityDetector(handle);
    }

    /// <summary>True while the detector is inside speech.</summary>
    public bool IsSpeechDetected => SherpaNative.SherpaOnnxVoiceActivityDetectorDetected(_handle) != 0;

    /// <summary>Feeds 16 kHz mono samples and returns the speech segments that ended, as (first sample, sample count) from
    /// the start of the stream.</summary>
    public IReadOnlyList<(long Start, int Length)> Accept(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var ended = new List<(long, int)>();
        for (int at = 0; at < samples.Length; at += WindowSamples)
        {
            ReadOnlySpan<float> window = samples.Slice(at, Math.Min(WindowSamples, samples.Length - at));
            fixed (float* p = window) { SherpaNative.SherpaOnnxVoiceActivityDetectorAcceptWaveform(_handle, p, window.Length); }
            Drain(ended);
        }
        return ended;
    }

    /// <summary>Ends the stream: returns the segment still open, if any.</summary>
    public IReadOnlyList<(long Start, int Length)> Flush()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        SherpaNative.SherpaOnnxVoiceActivityDetectorFlush(_handle);
        var ended = new List<(long, int)>();
        Drain(ended);
        return ended;
    }

    private void Drain(List<(long, int)> ended)
    {
        while (SherpaNative.SherpaOnnxVoiceActivityDetectorEmpty(_handle) == 0)
        {
            SherpaSpeechSegment* segment = SherpaNative.SherpaOnnxVoiceActivityDetectorFront(_handle);
            ended.Add((segment->start, segment->n));
            SherpaNative.SherpaOnnxDestroySpeechSegment(segment);
            SherpaNative.SherpaOnnxVoiceActivityDetectorPop(_handle);
        }
    }

    public void Dispose() => _handle.Dispose();
}
