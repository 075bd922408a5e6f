using System.Text;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.VoiceProfile;

/// <summary>Chooses the voice reference by voice activity and a simple SNR estimate, instead of the raw soundtrack
/// (the original's defect 1: its "voice isolation" never ran, so music and room noise became the voice).</summary>
/// <remarks>The noise floor is the median 20 ms RMS of the clip outside speech (or the 5th percentile of all frames
/// when there is under half a second of non-speech); a segment's SNR is its RMS over that floor. Clean segments
/// (long enough, confidently speech, SNR high enough) are ranked by SNR × probability and taken until the maximum.</remarks>
internal sealed partial class VoiceReferenceBuilder(
    ISpeechSegmenter segmenter, ISpeechRecognizer recognizer, IOptions<VoiceReferenceOptions> options, ILogger<VoiceReferenceBuilder> logger)
    : IVoiceReferenceBuilder
{
    public const string VoiceFolder = "voice";
    public const string ReferenceWav = "reference.wav";
    public const string ReferenceText = "reference.txt";
    public const string Reference24kWav = "reference-24k.wav";
    public const int CloningRateHz = 24_000; // Pocket TTS and Chatterbox condition on 24 kHz

    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(200);
    private const int SampleRateHz = 16_000;

    private readonly VoiceReferenceOptions _options = options.Value;

    public async Task<VoiceReferenceResult> BuildAsync(string wavPath, string profileFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(wavPath);
        ArgumentException.ThrowIfNullOrEmpty(profileFolder);
        // Read at the file's own rate: speech is found at 16 kHz, and the same stretches are cut from the full-rate sound for
        // the 24 kHz reference (a 16 kHz source is upsampled, so it has nothing above 8 kHz).
        AudioChunk source = AudioResampler.ToMono(await WavFile.ReadAsync(wavPath, cancellationToken)) with { Start = TimeSpan.Zero };
        AudioChunk audio = source.SampleRateHz == SampleRateHz ? source : AudioResampler.Resample(source, SampleRateHz);
        IReadOnlyList<SpeechSegment> speech = await segmenter.FindSpeechSegmentsAsync(audio, cancellationToken);
        float[] samples = audio.Samples.ToArray();
        double noiseDb = EstimateNoiseFloorDb(samples, speech);

        var clean = speech
            .Select(s => (Segment: s, SnrDb: AudioLevels.RmsDb(Slice(samples, s)) - noiseDb))
            .Where(c => c.Segment.Duration >= _options.MinSegment && c.Segment.MeanProbability >= _options.MinSpeechProbability && c.SnrDb >= _options.MinSnrDb)
            .ToList();
        TimeSpan totalSpeech = Sum(speech);
        TimeSpan cleanSpeech = Sum(clean.Select(c => c.Segment));

        var chosen = new List<SpeechSegment>();
        TimeSpan taken = TimeSpan.Zero;
        foreach (var (segment, _) in clean.OrderByDescending(c => c.SnrDb * c.Segment.MeanProbability))
        {
            TimeSpan room = _options.MaxSpeech - taken;
            if (room < _options.MinSegment) { break; }
            SpeechSegment piece = segment.Duration <= room ? segment : segment with { End = segment.Start + room };
            chosen.Add(piece);
            taken += piece.Duration;
        }
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));

        string? warning = cleanSpeech < _options.MinSpeech
            ? $"Only {cleanSpeech.TotalSeconds:F1} s of clean speech was found in '{Path.GetFileName(wavPath)}' " +
              $"({totalSpeech.TotalSeconds:F1} s of speech in all, noise floor {noiseDb:F0} dBFS); at least {_options.MinSpeech.TotalSeconds:F0} s is needed, " +
              "so the cloned voice will be poor. Upload a clip where the person speaks clearly for 30 s or more, without music or other voices."
            : null;
        if (chosen.Count == 0)
        {
            LogNoReference(logger, wavPath, totalSpeech.TotalSeconds);
            return new VoiceReferenceResult(null, totalSpeech, cleanSpeech, TimeSpan.Zero, [], noiseDb, warning);
        }

        AudioChunk reference = Join(samples, SampleRateHz, chosen);
        AudioChunk source24k = source.SampleRateHz == CloningRateHz ? source : AudioResampler.Resample(source, CloningRateHz);
        AudioChunk reference24k = Join(source24k.Samples.ToArray(), CloningRateHz, chosen);
        string folder = Path.Combine(profileFolder, VoiceFolder);
        Directory.CreateDirectory(folder);
        string referenceWav = Path.Combine(folder, ReferenceWav);
        string reference24kWav = Path.Combine(folder, Reference24kWav);
        await WavFile.WriteAsync(referenceWav, reference, cancellationToken);
        await WavFile.WriteAsync(reference24kWav, reference24k, cancellationToken);
        string transcript = await recognizer.TranscribeAsync(reference, cancellationToken);
        await WriteTextAtomicallyAsync(Path.Combine(folder, ReferenceText), transcript, cancellationToken);
        LogBuilt(logger, wavPath, reference.Duration.TotalSeconds, chosen.Count, cleanSpeech.TotalSeconds, noiseDb, recognizer.Name);
        return new VoiceReferenceResult(
            new VoiceReference(referenceWav, transcript, profileFolder) { Wav24kPath = reference24kWav },
            totalSpeech, cleanSpeech, reference.Duration, chosen, noiseDb, warning)
        {
            TranscriptEngine = recognizer.Name,
            SourceRateHz = source.SampleRateHz,
        };
    }

    internal static double EstimateNoiseFloorDb(float[] samples, IReadOnlyList<SpeechSegment> speech)
    {
        const int Frame = SampleRateHz / 50; // 20 ms
        var outside = new List<double>();
        var all = new List<double>();
        for (int at = 0; at + Frame <= samples.Length; at += Frame)
        {
            double level = AudioLevels.RmsDb(samples.AsSpan(at, Frame));
            all.Add(level);
            TimeSpan t = TimeSpan.FromSeconds(at / (double)SampleRateHz);
            if (!speech.Any(s => t + TimeSpan.FromMilliseconds(20) > s.Start && t < s.End)) { outside.Add(level); }
        }
        if (all.Count == 0) { return AudioLevels.SilenceDb; }
        // 25 frames = 0.5 s of non-speech: enough for a median that ignores the odd click.
        return outside.Count >= 25 ? Percentile(outside, 0.5) : Percentile(all, 0.05);
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values[(int)Math.Clamp(Math.Round(p * (values.Count - 1)), 0, values.Count - 1)];
    }

    private static ReadOnlySpan<float> Slice(float[] samples, SpeechSegment segment, int rateHz = SampleRateHz)
    {
        int from = Math.Clamp((int)(segment.Start.TotalSeconds * rateHz), 0, samples.Length);
        int to = Math.Clamp((int)(segment.End.TotalSeconds * rateHz), from, samples.Length);
        return samples.AsSpan(from, to - from);
    }

    /// <summary>The chosen segments in time order with 200 ms of silence between them, peak-normalised to −1 dBFS.</summary>
    private static AudioChunk Join(float[] samples, int rateHz, List<SpeechSegment> chosen)
    {
        var parts = new List<AudioChunk>();
        var silence = new AudioChunk(new float[(int)(Gap.TotalSeconds * rateHz)], rateHz, 1, TimeSpan.Zero);
        foreach (SpeechSegment segment in chosen)
        {
            if (parts.Count > 0) { parts.Add(silence); }
            parts.Add(new AudioChunk(Slice(samples, segment, rateHz).ToArray(), rateHz, 1, TimeSpan.Zero));
        }
        AudioChunk joined = AudioLevels.Concat(parts);
        double peakDb = AudioLevels.PeakDb(joined.Samples.Span);
        if (peakDb <= AudioLevels.SilenceDb) { return joined; }
        float gain = (float)Math.Pow(10, (-1 - peakDb) / 20);
        float[] normalised = joined.Samples.ToArray();
        for (int i = 0; i < normalised.Length; i++) { normalised[i] *= gain; }
        return joined with { Samples = normalised };
    }

    private static TimeSpan Sum(IEnumerable<SpeechSegment> segments) => segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    private static async Task WriteTextAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) { File.Delete(temp); }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Voice reference from {Source}: {ReferenceSeconds:F1} s from {Segments} segment(s); {CleanSeconds:F1} s of clean speech, noise floor {NoiseDb:F0} dBFS; transcribed by {Recognizer}")]
    private static partial void LogBuilt(ILogger logger, string source, double referenceSeconds, int segments, double cleanSeconds, double noiseDb, string recognizer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No clean speech in {Source} ({SpeechSeconds:F1} s of speech in all): no voice reference written")]
    private static partial void LogNoReference(ILogger logger, string source, double speechSeconds);
}
