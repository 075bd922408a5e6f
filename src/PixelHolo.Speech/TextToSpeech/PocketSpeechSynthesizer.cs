using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Pocket TTS through sherpa-onnx's offline TTS, cloning the profile's voice from its 24 kHz reference
/// (voice/reference-24k.wav; the 16 kHz one is upsampled for older profiles). Speaks each text chunk (sentence) as it
/// arrives; sherpa decodes a sentence and hands it back in chunks of ~15 frames (1.2 s), which are passed on as they
/// come. The voice embedding is computed by sherpa on the first sentence of a profile and kept in its LRU cache keyed
/// by the reference audio; we keep that audio (trimmed to <c>MaxReference</c>) per profile in memory so every sentence
/// hits the cache. The C API cannot export the embedding, so nothing more can be stored in voice/.</summary>
internal sealed partial class PocketSpeechSynthesizer : ITtsEngine, IDisposable
{
    public const string EngineName = "pocket";
    public const string Licence = "Pocket TTS by Kyutai: code MIT, weights CC-BY-4.0 (attribution required); voice cloning only with the speaker's consent";

    private readonly PocketTtsOptions _options;
    private readonly SherpaLibrary _library;
    private readonly ILogger<PocketSpeechSynthesizer> _logger;
    private readonly Lazy<SherpaPocketTts> _tts;
    private readonly ConcurrentDictionary<string, float[]> _references = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1); // one native generation at a time on the shared model

    public PocketSpeechSynthesizer(IOptions<PocketTtsOptions> options, IOptions<RuntimeOptions> runtime, SherpaLibrary library, ILogger<PocketSpeechSynthesizer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        _options = options.Value;
        _library = library;
        _logger = logger;
        Folder = _options.Directory is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(runtime.Value.ModelsPath, SherpaPocketTts.Folder);
        _tts = new Lazy<SherpaPocketTts>(() => SherpaPocketTts.Create(_library, Folder), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name => EngineName;

    public string Folder { get; }

    /// <summary>Null when Pocket TTS can run (runtime and every model file present); otherwise why not and what to do.
    /// The engine chain reads this to fall back visibly.</summary>
    public string? UnavailableReason => _library.UnavailableReason ?? SherpaPocketTts.MissingReason(Folder);

    public bool IsAvailable => UnavailableReason is null;

    string ITtsEngine.Licence => Licence;

    public bool ClonesVoice => true;

    public Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken) =>
        Task.FromResult(UnavailableReason ?? (voice is null ? "Pocket TTS needs the profile's voice reference (voice/reference-24k.wav)." : null));

    /// <summary>Loads the profile's reference once; sherpa computes the embedding from it on the first sentence.</summary>
    public async Task PrepareAsync(VoiceReference? voice, CancellationToken cancellationToken)
    {
        if (voice is not null && IsAvailable) { await LoadReferenceAsync(voice, cancellationToken); }
    }

    public IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textChunks);
        if (UnavailableReason is { } reason) { throw new ServiceUnavailableException(EngineName, reason); }
        if (voice is null)
        {
            throw new ServiceUnavailableException(EngineName,
                "Pocket TTS clones a voice and has no voice of its own: it needs the profile's voice reference (voice/reference-24k.wav). " +
                "Enroll the profile again, or choose another engine.");
        }
        return SpeakAsync(textChunks, voice, cancellationToken);
    }

    private async IAsyncEnumerable<SpeechAudioChunk> SpeakAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference voice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        float[] reference = await LoadReferenceAsync(voice, cancellationToken);
        await foreach (SpeechAudioChunk chunk in SpeechChunkStream.ChunksAsync(
            textChunks, (text, ct) => SpeakSentenceAsync(text, reference, ct), EngineName, warning: null, cancellationToken))
        {
            yield return chunk;
        }
    }

    /// <summary>Runs one native generation on a worker thread; its callback hands each decoded block to a bounded channel
    /// (waiting when the consumer is slow) and stops the generation when the token is cancelled.</summary>
    private async IAsyncEnumerable<AudioChunk> SpeakSentenceAsync(string text, float[] reference, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SherpaPocketTts tts = _tts.Value;
        var blocks = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        string extra = SherpaPocketTts.ExtraJson(_options.MaxReference, (float)_options.Temperature, _options.Seed);
        await _oneAtATime.WaitAsync(cancellationToken);
        Task generation = Task.Factory.StartNew(() =>
        {
            Exception? failure = null;
            try
            {
                tts.Generate(text, reference, VoiceReferenceRate, extra, samples =>
                {
                    if (cancellationToken.IsCancellationRequested) { return false; }
                    var block = new AudioChunk(samples.ToArray(), tts.SampleRateHz, 1, TimeSpan.Zero);
                    try
                    {
                        while (!blocks.Writer.TryWrite(block))
                        {
                            if (!blocks.Writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult()) { return false; }
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        return false;
                    }
                    return true;
                });
            }
            catch (Exception ex) // handed to the reader through the channel, never lost on the worker thread
            {
                failure = ex;
            }
            finally
            {
                blocks.Writer.TryComplete(failure);
                _oneAtATime.Release();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (AudioChunk block in blocks.Reader.ReadAllAsync(cancellationToken)) { yield return block; }
        }
        finally
        {
            blocks.Writer.TryComplete(); // a consumer that stopped early: the callback's next write fails and stops sherpa
            await generation.ConfigureAwait(false);
        }
        LogSpoke(_logger, text.Length);
    }

    private const int VoiceReferenceRate = 24_000;

    private async Task<float[]> LoadReferenceAsync(VoiceReference voice, CancellationToken cancellationToken)
    {
        string path = voice.Wav24kPath is { } wide && File.Exists(wide) ? wide : voice.WavPath;
        if (_references.TryGetValue(path, out float[]? cached)) { return cached; }
        if (!File.Exists(path))
        {
            throw new ServiceUnavailableException(EngineName, $"The profile's voice reference '{path}' is missing. Enroll the profile again.");
        }
        AudioChunk audio = AudioResampler.ToMono(await WavFile.ReadAsync(path, cancellationToken));
        if (audio.SampleRateHz != VoiceReferenceRate) { audio = AudioResampler.Resample(audio, VoiceReferenceRate); }
        int keep = Math.Min(audio.Samples.Length, (int)(_options.MaxReference.TotalSeconds * VoiceReferenceRate));
        float[] samples = audio.Samples[..keep].ToArray();
        _references[path] = samples;
        LogReference(_logger, path, keep / (double)VoiceReferenceRate);
        return samples;
    }

    public void Dispose()
    {
        if (_tts.IsValueCreated) { _tts.Value.Dispose(); }
        _oneAtATime.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pocket TTS conditions on {Path} ({Seconds:F1} s at 24 kHz)")]
    private static partial void LogReference(ILogger logger, string path, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pocket TTS spoke {Characters} characters")]
    private static partial void LogSpoke(ILogger logger, int characters);
}
