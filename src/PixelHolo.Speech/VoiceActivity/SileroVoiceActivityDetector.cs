using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Speech.VoiceActivity;

/// <summary>Silero v6 voice activity detection. The session is opened once and shared; each call gets its own
/// recurrent state, framer and input buffers, so calls may run concurrently.</summary>
internal sealed partial class SileroVoiceActivityDetector : IVoiceActivityDetector, ISpeechSegmenter, IDisposable
{
    public const string DefaultModelFile = "silero_vad.onnx";
    private const string Setting = "VoiceActivity:ModelPath";

    private readonly VoiceActivityOptions _options;
    private readonly InferenceSession? _session;
    private readonly ModelLoadException? _unavailable;
    private readonly ILogger<SileroVoiceActivityDetector> _logger;
    private bool _disposed;

    public SileroVoiceActivityDetector(
        IOptions<VoiceActivityOptions> options, IOptions<RuntimeOptions> runtime, IOnnxSessionFactory sessions, ILogger<SileroVoiceActivityDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options.Value;
        _logger = logger;
        string path = _options.ModelPath is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(runtime.Value.ModelsPath, DefaultModelFile);
        try
        {
            // One thread: a 32 ms window is too small to gain from more, and the other stages need the cores.
            _session = sessions.Open(path, Setting, intraOpThreads: 1);
            if (SileroModelState.DescribeMismatch(_session) is { } mismatch)
            {
                _session.Dispose();
                _session = null;
                throw new ModelLoadException(path, Setting,
                    $"'{Path.GetFileName(path)}' (setting {Setting}) is not a Silero v6 VAD model: {mismatch}. " +
                    "Run `pixelholo models pull silero-vad` or point the setting at silero_vad.onnx.");
            }
        }
        catch (ModelLoadException ex)
        {
            // Degraded, not dead: the server starts; only what needs voice detection (the microphone, enrollment's speech
            // check) fails, each with this reason. One line, the trace at debug level.
            _unavailable = ex;
            LogUnavailable(_logger, ex.Message);
            LogUnavailableTrace(_logger, ex);
        }
    }

    /// <summary>Why voice detection is off (the model is missing or damaged, and how to fix it), or null when it works.</summary>
    public string? UnavailableReason => _unavailable?.Message;

    private InferenceSession Session() => _session ?? throw _unavailable!;

    public async IAsyncEnumerable<Utterance> DetectAsync(
        IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var model = new SileroModelState(Session());
        SpeechTracker tracker = CreateTracker(_options.EndOfTurnSilence, keepSamples: true);
        var windows = new WindowCutter(SileroModelState.WindowSamples);
        TimeSpan? origin = null;
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
        {
            AudioFormatException.ThrowIfNot(chunk, sampleRateHz: SileroModelState.SampleRateHz, channels: 1);
            origin ??= chunk.Start;
            cancellationToken.ThrowIfCancellationRequested(); // also when the source ignores the token
            foreach (float[] window in windows.Push(chunk.Samples))
            {
                if (tracker.Add(window, model.Score(window)) is { } segment) { yield return ToUtterance(segment, origin.Value); }
            }
        }
        // A last partial window is scored padded with silence, so speech up to the very end is not lost.
        if (windows.Filled is int filled and > 0)
        {
            float[] window = windows.Window;
            window.AsSpan(filled).Clear();
            if (tracker.Add(window.AsSpan(0, filled), model.Score(window)) is { } segment) { yield return ToUtterance(segment, origin!.Value); }
        }
        if (tracker.Finish() is { } last) { yield return ToUtterance(last, origin ?? TimeSpan.Zero); }
    }

    public async IAsyncEnumerable<VoiceActivityScore> ScoreAsync(
        IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var model = new SileroModelState(Session());
        var windows = new WindowCutter(SileroModelState.WindowSamples);
        TimeSpan windowLength = TimeSpan.FromSeconds(SileroModelState.WindowSamples / (double)SileroModelState.SampleRateHz);
        TimeSpan? next = null;
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
        {
            AudioFormatException.ThrowIfNot(chunk, sampleRateHz: SileroModelState.SampleRateHz, channels: 1);
            next ??= chunk.Start;
            cancellationToken.ThrowIfCancellationRequested();
            foreach (float[] window in windows.Push(chunk.Samples))
            {
                var score = new VoiceActivityScore(next.Value, windowLength, model.Score(window), LevelDb(window));
                next += windowLength;
                yield return score;
            }
        }
    }

    /// <summary>Cuts a stream of chunks into the model's fixed windows: each full window is yielded (the same array, reused,
    /// so use it before asking for the next); a partial one stays in <see cref="Window"/> for the next chunk.</summary>
    private sealed class WindowCutter(int length)
    {
        public float[] Window { get; } = new float[length];

        /// <summary>Samples of <see cref="Window"/> that hold the partial window.</summary>
        public int Filled { get; private set; }

        public IEnumerable<float[]> Push(ReadOnlyMemory<float> samples)
        {
            while (!samples.IsEmpty)
            {
                int take = Math.Min(samples.Length, Window.Length - Filled);
                samples.Span[..take].CopyTo(Window.AsSpan(Filled));
                samples = samples[take..];
                Filled += take;
                if (Filled < Window.Length) { yield break; }
                Filled = 0;
                yield return Window;
            }
        }
    }

    private static float LevelDb(ReadOnlySpan<float> window)
    {
        double sum = 0;
        foreach (float sample in window) { sum += sample * sample; }
        double rms = Math.Sqrt(sum / window.Length);
        return rms <= 1e-5 ? -100f : (float)(20 * Math.Log10(rms));
    }

    public Task<IReadOnlyList<SpeechSegment>> FindSpeechSegmentsAsync(AudioChunk audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ObjectDisposedException.ThrowIf(_disposed, this);
        AudioFormatException.ThrowIfNot(audio, sampleRateHz: SileroModelState.SampleRateHz, channels: 1);
        // CPU-bound (about 0.3 ms per 32 ms window): run it off the caller's thread.
        return Task.Run<IReadOnlyList<SpeechSegment>>(() =>
        {
            using var model = new SileroModelState(Session());
            SpeechTracker tracker = CreateTracker(_options.SegmentSilence, keepSamples: false);
            var segments = new List<SpeechSegment>();
            ReadOnlySpan<float> samples = audio.Samples.Span;
            float[] window = new float[SileroModelState.WindowSamples];
            for (int at = 0; at < samples.Length; at += window.Length)
            {
                if ((at / window.Length) % 64 == 0) { cancellationToken.ThrowIfCancellationRequested(); }
                int take = Math.Min(window.Length, samples.Length - at);
                samples.Slice(at, take).CopyTo(window);
                if (take < window.Length) { window.AsSpan(take).Clear(); }
                if (tracker.Add(window.AsSpan(0, take), model.Score(window)) is { } segment) { segments.Add(ToSegment(segment, audio.Start)); }
            }
            if (tracker.Finish() is { } last) { segments.Add(ToSegment(last, audio.Start)); }
            LogSegments(_logger, segments.Count, segments.Sum(s => s.Duration.TotalSeconds), audio.Duration.TotalSeconds);
            return segments;
        }, cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        _session?.Dispose(); // we opened it, we close it
    }

    private SpeechTracker CreateTracker(TimeSpan minSilence, bool keepSamples) => new(
        _options.Threshold,
        ToSamples(minSilence),
        ToSamples(_options.MinSpeech),
        ToSamples(_options.SpeechPadding),
        ToSamples(_options.MaxUtterance),
        keepSamples);

    private static int ToSamples(TimeSpan time) => (int)Math.Round(time.TotalSeconds * SileroModelState.SampleRateHz);

    private static TimeSpan ToTime(long samples, TimeSpan origin) => origin + TimeSpan.FromSeconds(samples / (double)SileroModelState.SampleRateHz);

    private static Utterance ToUtterance(SpeechTracker.Segment segment, TimeSpan origin) =>
        new(ToTime(segment.Start, origin), ToTime(segment.End, origin), segment.Samples ?? []);

    private static SpeechSegment ToSegment(SpeechTracker.Segment segment, TimeSpan origin) =>
        new(ToTime(segment.Start, origin), ToTime(segment.End, origin), segment.MeanProbability);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Found {Count} speech segments, {SpeechSeconds:F1} s of speech in {TotalSeconds:F1} s")]
    private static partial void LogSegments(ILogger logger, int count, double speechSeconds, double totalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voice detection is off: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Voice detection model failed to load")]
    private static partial void LogUnavailableTrace(ILogger logger, Exception exception);
}
