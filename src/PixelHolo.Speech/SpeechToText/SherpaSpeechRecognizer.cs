using System.Runtime.CompilerServices;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>A sherpa-onnx offline recogniser (Parakeet, Moonshine, Whisper) behind the streaming seam. The model loads on
/// first use (Parakeet takes seconds). Moonshine is quick enough to re-decode the utterance so far every
/// <c>PartialInterval</c> of new audio, which gives partial transcripts; the others yield one final update with word
/// times where the model gives them (Parakeet). A decode in progress is native and runs to its end; cancellation is
/// checked between decodes.</summary>
internal sealed partial class SherpaSpeechRecognizer : IStreamingSpeechRecognizer, ISpeechRecognizer, IDisposable
{
    private readonly Lazy<SherpaOfflineRecognizer> _recognizer;
    private readonly TimeSpan _partialInterval;
    private readonly ILogger _logger;

    public SherpaSpeechRecognizer(SherpaLibrary library, SherpaRecognizerModel model, TimeSpan partialInterval, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _logger = logger;
        _partialInterval = model.Kind == SherpaRecognizerKind.Moonshine ? partialInterval : TimeSpan.Zero;
        _recognizer = new Lazy<SherpaOfflineRecognizer>(() =>
        {
            long started = TimeProvider.System.GetTimestamp();
            SherpaOfflineRecognizer loaded = SherpaOfflineRecognizer.Create(library, model);
            LogLoaded(_logger, model.Engine, model.Folder, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
            return loaded;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SherpaRecognizerModel Model { get; }

    public string Name => Model.Engine;

    public bool GivesPartials => _partialInterval > TimeSpan.Zero;

    public async Task<string> TranscribeAsync(AudioChunk audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        AudioFormatException.ThrowIfNot(audio, sampleRateHz: 16_000, channels: 1);
        if (audio.Samples.IsEmpty) { return ""; }
        float[] samples = audio.Samples.ToArray();
        SherpaRecognition result = await Task.Run(() => _recognizer.Value.Recognize(samples), cancellationToken);
        LogTranscript(_logger, result.Text);
        return result.Text;
    }

    public async IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(
        IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var buffer = new List<float>();
        TimeSpan? start = null;
        int partialSamples = (int)(_partialInterval.TotalSeconds * 16_000), decodedUpTo = 0;
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
        {
            AudioFormatException.ThrowIfNot(chunk, sampleRateHz: 16_000, channels: 1);
            start ??= chunk.Start;
            buffer.AddRange(chunk.Samples.Span);
            if (partialSamples > 0 && buffer.Count - decodedUpTo >= partialSamples)
            {
                decodedUpTo = buffer.Count;
                float[] soFar = [.. buffer];
                SherpaRecognition partial = await Task.Run(() => _recognizer.Value.Recognize(soFar), cancellationToken);
                yield return new TranscriptUpdate(partial.Text, IsFinal: false, []);
            }
        }
        if (buffer.Count == 0)
        {
            yield return new TranscriptUpdate("", IsFinal: true, []);
            yield break;
        }
        float[] all = [.. buffer];
        SherpaRecognition final = await Task.Run(() => _recognizer.Value.Recognize(all), cancellationToken);
        LogTranscribed(_logger, Model.Engine, all.Length / 16_000.0, final.Text.Length);
        LogTranscript(_logger, final.Text);
        TimeSpan offset = start ?? TimeSpan.Zero;
        yield return new TranscriptUpdate(final.Text, IsFinal: true, final.Words(offset, TimeSpan.FromSeconds(all.Length / 16_000.0)));
    }

    public void Dispose()
    {
        if (_recognizer.IsValueCreated) { _recognizer.Value.Dispose(); }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the {Engine} recogniser from {Folder} in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, string engine, string folder, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Engine} transcribed {Seconds:F1} s of audio into {Characters} characters")]
    private static partial void LogTranscribed(ILogger logger, string engine, double seconds, int characters);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Transcript: {Transcript}")]
    private static partial void LogTranscript(ILogger logger, string transcript);
}
