using System.Runtime.InteropServices;

namespace PixelHolo.Speech.Native;

/// <summary>The functions of sherpa-onnx's C API that PixelHolo uses (<c>libsherpa-onnx-c-api.so</c> 1.13.8, loaded from
/// the path <see cref="SherpaLibrary"/> resolves). Every creating call returns a <see cref="SafeHandle"/> subclass; a
/// null result is checked by the caller, which says why.</summary>
internal static unsafe partial class SherpaNative
{
    public const string Library = "sherpa-onnx-c-api";

    [LibraryImport(Library)]
    public static partial nint SherpaOnnxGetVersionStr();

    [LibraryImport(Library)]
    public static partial nint SherpaOnnxGetOnnxruntimeVersionStr();

    // ---- voice activity ----

    [LibraryImport(Library)]
    public static partial SherpaVadHandle SherpaOnnxCreateVoiceActivityDetector(SherpaVadModelConfig* config, float bufferSizeInSeconds);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyVoiceActivityDetector(nint vad);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxVoiceActivityDetectorAcceptWaveform(SherpaVadHandle vad, float* samples, int n);

    [LibraryImport(Library)]
    public static partial int SherpaOnnxVoiceActivityDetectorEmpty(SherpaVadHandle vad);

    [LibraryImport(Library)]
    public static partial int SherpaOnnxVoiceActivityDetectorDetected(SherpaVadHandle vad);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxVoiceActivityDetectorPop(SherpaVadHandle vad);

    [LibraryImport(Library)]
    public static partial SherpaSpeechSegment* SherpaOnnxVoiceActivityDetectorFront(SherpaVadHandle vad);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroySpeechSegment(SherpaSpeechSegment* segment);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxVoiceActivityDetectorFlush(SherpaVadHandle vad);

    // ---- offline recogniser ----

    [LibraryImport(Library)]
    public static partial SherpaOfflineRecognizerHandle SherpaOnnxCreateOfflineRecognizer(SherpaOfflineRecognizerConfig* config);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOfflineRecognizer(nint recognizer);

    [LibraryImport(Library)]
    public static partial SherpaOfflineStreamHandle SherpaOnnxCreateOfflineStream(SherpaOfflineRecognizerHandle recognizer);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOfflineStream(nint stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxAcceptWaveformOffline(SherpaOfflineStreamHandle stream, int sampleRate, float* samples, int n);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDecodeOfflineStream(SherpaOfflineRecognizerHandle recognizer, SherpaOfflineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial nint SherpaOnnxGetOfflineStreamResultAsJson(SherpaOfflineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOfflineStreamResultJson(nint json);

    // ---- online (streaming) recogniser ----

    [LibraryImport(Library)]
    public static partial SherpaOnlineRecognizerHandle SherpaOnnxCreateOnlineRecognizer(SherpaOnlineRecognizerConfig* config);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOnlineRecognizer(nint recognizer);

    [LibraryImport(Library)]
    public static partial SherpaOnlineStreamHandle SherpaOnnxCreateOnlineStream(SherpaOnlineRecognizerHandle recognizer);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOnlineStream(nint stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxOnlineStreamAcceptWaveform(SherpaOnlineStreamHandle stream, int sampleRate, float* samples, int n);

    [LibraryImport(Library)]
    public static partial int SherpaOnnxIsOnlineStreamReady(SherpaOnlineRecognizerHandle recognizer, SherpaOnlineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDecodeOnlineStream(SherpaOnlineRecognizerHandle recognizer, SherpaOnlineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxOnlineStreamInputFinished(SherpaOnlineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial nint SherpaOnnxGetOnlineStreamResultAsJson(SherpaOnlineRecognizerHandle recognizer, SherpaOnlineStreamHandle stream);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOnlineStreamResultJson(nint json);

    // ---- offline TTS ----

    [LibraryImport(Library)]
    public static partial SherpaOfflineTtsHandle SherpaOnnxCreateOfflineTts(SherpaTtsConfig* config);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOfflineTts(nint tts);

    [LibraryImport(Library)]
    public static partial int SherpaOnnxOfflineTtsSampleRate(SherpaOfflineTtsHandle tts);

    /// <summary>The callback is called with each decoded chunk; returning 0 stops generation (our cancellation).</summary>
    [LibraryImport(Library)]
    public static partial SherpaGeneratedAudio* SherpaOnnxOfflineTtsGenerateWithConfig(
        SherpaOfflineTtsHandle tts, nint text, SherpaGenerationConfig* config,
        delegate* unmanaged[Cdecl]<float*, int, float, nint, int> callback, nint arg);

    [LibraryImport(Library)]
    public static partial void SherpaOnnxDestroyOfflineTtsGeneratedAudio(SherpaGeneratedAudio* audio);
}
