using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace PixelHolo.Speech.TextToSpeech.Matched;

/// <summary>The matched voice of each reference, fitted once: kept in memory by the reference's SHA-256 and, for a
/// profile's reference, cached as <c>voice/matched-voice.json</c> beside it (written atomically) so later processes and
/// turns do no analysis. A reference outside a profile (<c>pixelholo say --reference</c>) is fitted in memory only:
/// nothing is written beside someone else's file.</summary>
internal sealed partial class MatchedVoiceStore(
    MatchedVoiceEstimator estimator, IOptions<TtsOptions> options, ILogger<MatchedVoiceStore> logger)
{
    public const string CacheFileName = "matched-voice.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly ConcurrentDictionary<string, Lazy<Task<MatchedVoice>>> _fitted = new(StringComparer.Ordinal);

    /// <summary>The matched voice for <paramref name="voice"/>, fitting it on first use.</summary>
    public async Task<MatchedVoice> GetAsync(VoiceReference voice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (!File.Exists(voice.WavPath))
        {
            throw new FileNotFoundException($"The voice reference '{voice.WavPath}' does not exist, so the voice cannot be matched. " +
                "Enroll the profile again (it makes voice/reference.wav), or pass --reference with a WAV file of the person speaking.", voice.WavPath);
        }
        string sha;
        await using (FileStream file = File.OpenRead(voice.WavPath)) { sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)); }
        string voiceKey = $"{sha}/{options.Value.Voice}/{options.Value.WordsPerMinute}";
        Lazy<Task<MatchedVoice>> entry = _fitted.GetOrAdd(voiceKey, _ => new Lazy<Task<MatchedVoice>>(() => LoadOrFitAsync(voice, sha)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _fitted.TryRemove(voiceKey, out _); // a failed fit is tried again next time, not remembered
            throw;
        }
    }

    /// <summary>Where the cache of a profile's reference lives, or null for a reference outside a profile.</summary>
    internal static string? CachePath(VoiceReference voice) =>
        string.IsNullOrEmpty(voice.ProfileFolder) ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(voice.WavPath))!, CacheFileName);

    private async Task<MatchedVoice> LoadOrFitAsync(VoiceReference voice, string sha)
    {
        TtsOptions tts = options.Value;
        string? cache = CachePath(voice);
        if (cache is not null && File.Exists(cache))
        {
            try
            {
                MatchedVoiceSettings? cached = JsonSerializer.Deserialize<MatchedVoiceSettings>(await File.ReadAllTextAsync(cache), Json);
                if (cached is { Version: MatchedVoiceSettings.CurrentVersion } && cached.ReferenceSha256 == sha
                    && cached.Voice.WordsPerMinute == tts.WordsPerMinute && cached.Voice.Name.Split('+')[0] == tts.Voice.Split('+')[0])
                {
                    return new MatchedVoice(cached);
                }
            }
            catch (JsonException ex)
            {
                LogCorruptCache(logger, cache, ex.Message); // fitted again and rewritten below
            }
        }
        // Fitting is CPU work of a few seconds and must not be cancelled by one caller while others wait on it.
        MatchedVoiceSettings settings = await estimator.FitAsync(voice.WavPath, tts, CancellationToken.None);
        if (cache is not null)
        {
            string temp = $"{cache}.{Guid.NewGuid():N}.tmp";
            try
            {
                await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(settings, Json));
                File.Move(temp, cache, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) { File.Delete(temp); }
            }
        }
        return new MatchedVoice(settings);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The matched-voice cache {Path} is unreadable ({Reason}); fitting the voice again")]
    private static partial void LogCorruptCache(ILogger logger, string path, string reason);
}

/// <summary>Fitted settings with their equaliser kernel designed once.</summary>
internal sealed class MatchedVoice(MatchedVoiceSettings settings)
{
    private const int EspeakRateHz = 22_050;
    private readonly float[] _kernel = VoiceShaper.DesignKernel(settings.BandGainsDb, EspeakRateHz);

    public MatchedVoiceSettings Settings { get; } = settings;

    /// <summary>A fresh shaper (one per utterance: it holds filter state).</summary>
    public VoiceShaper CreateShaper() => new(_kernel, Settings.GainDb);
}
