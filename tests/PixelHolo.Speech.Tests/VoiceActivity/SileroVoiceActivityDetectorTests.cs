using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.VoiceActivity;

[Collection(nameof(SpeechModelsGroup))]
public sealed class SileroVoiceActivityDetectorTests(SpeechModelsFixture models)
{
    // Reference edges measured independently of Silero (10 ms RMS levels, and pocketsphinx's word alignment with -time yes):
    // jfk.wav: "And so my fellow Americans ..." starts at 0.32 s (the level jumps from the -42 dBFS hiss to -26 dBFS) and
    // "... for your country" ends at 10.5 s (last word aligned to 10.46 s, level falls at 10.5 s); crowd noise follows.
    // For the clean LJ Speech reading the reference is the level itself: AudioLevels.TrimSilence's 35 dB rule.
    private const double JfkSpeechStart = 0.32;
    private const double JfkSpeechEnd = 10.5;
    private const double Tolerance = 0.15;

    [Fact]
    public async Task ScoreAsync_JfkBetweenSilences_ContiguousWindowsLowInSilenceHighInSpeech()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        AudioChunk audio = TestAudio.Concat(TestAudio.Silence(1.0), speech, TestAudio.Silence(1.5));
        using var detector = models.CreateDetector(_ => { });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var scores = new List<VoiceActivityScore>();
        await foreach (VoiceActivityScore score in detector.ScoreAsync(TestAudio.Stream(audio), timeout.Token)) { scores.Add(score); }

        Assert.Equal(audio.Samples.Length / 512, scores.Count); // one per full 32 ms window, as the audio arrives
        for (int i = 1; i < scores.Count; i++) { Assert.Equal(scores[i - 1].End, scores[i].Start); }
        VoiceActivityScore[] silence = [.. scores.Where(s => s.End.TotalSeconds < 0.9)];
        VoiceActivityScore[] talking = [.. scores.Where(s => s.Start.TotalSeconds > 1.0 + JfkSpeechStart + 0.2 && s.End.TotalSeconds < 1.0 + 2.0)];
        Assert.All(silence, s => Assert.True(s.Probability < 0.1 && s.LevelDb == -100f, $"{s}"));
        Assert.True(talking.Average(s => s.Probability) > 0.6, string.Join(", ", talking.Select(s => s.Probability)));
        Assert.InRange(talking.Average(s => s.LevelDb), -40, -10);
    }

    [Fact]
    public async Task DetectAsync_JfkBetweenSilences_UtteranceEdgesWithin150Ms()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        AudioChunk audio = TestAudio.Concat(TestAudio.Silence(1.0), speech, TestAudio.Silence(1.5));
        // The crowd noise at 10.9 s scores 0.7 for one window: with a 1 s end of turn it would join the speech, so the
        // turn ends after 0.3 s of silence here (the default 1 s is tested on the clean reading below).
        using var detector = models.CreateDetector(o => o.EndOfTurnSilence = TimeSpan.FromMilliseconds(300));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        List<Utterance> utterances = await ToListAsync(detector.DetectAsync(TestAudio.Stream(audio), timeout.Token));

        Assert.NotEmpty(utterances);
        Assert.InRange(utterances[0].Start.TotalSeconds, 1.0 + JfkSpeechStart - Tolerance, 1.0 + JfkSpeechStart + Tolerance);
        Assert.InRange(utterances[^1].End.TotalSeconds, 1.0 + JfkSpeechEnd - Tolerance, 1.0 + JfkSpeechEnd + Tolerance);
        foreach (Utterance u in utterances)
        {
            Assert.Equal((u.End - u.Start).TotalSeconds * 16_000, u.Samples.Length, 1.0);
        }
    }

    [Fact]
    public async Task DetectAsync_CleanReadingBetweenSilencesWithDefaultOptions_YieldsOneUtteranceWithEdgesWithin150Ms()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/ljspeech_LJ001-0001_16k_mono.wav"));
        AudioChunk audible = AudioLevels.TrimSilence(speech, thresholdDb: 35, padding: TimeSpan.Zero);
        double speechStart = audible.Start.TotalSeconds, speechEnd = (audible.Start + audible.Duration).TotalSeconds;
        AudioChunk audio = TestAudio.Concat(TestAudio.Silence(1.0), speech, TestAudio.Silence(1.5));
        using var detector = models.CreateDetector();

        List<Utterance> utterances = await ToListAsync(detector.DetectAsync(TestAudio.Stream(audio)));

        Utterance utterance = Assert.Single(utterances);
        Assert.InRange(utterance.Start.TotalSeconds, 1.0 + speechStart - Tolerance, 1.0 + speechStart + Tolerance);
        Assert.InRange(utterance.End.TotalSeconds, 1.0 + speechEnd - Tolerance, 1.0 + speechEnd + Tolerance);
    }

    [Fact]
    public async Task DetectAsync_SilentFile_YieldsNothing()
    {
        AudioChunk silence = await WavFile.ReadMono16kAsync(SharedMedia.Path("fixtures/silent_3s.wav"));
        using var detector = models.CreateDetector();

        List<Utterance> utterances = await ToListAsync(detector.DetectAsync(TestAudio.Stream(silence)));

        Assert.Empty(utterances);
    }

    [Fact]
    public async Task DetectAsync_44kAudio_ThrowsAudioFormatSayingHowToResample()
    {
        using var detector = models.CreateDetector();

        var error = await Assert.ThrowsAsync<AudioFormatException>(
            () => ToListAsync(detector.DetectAsync(TestAudio.Stream(TestAudio.Silence(0.5, 44_100)))));

        Assert.Contains("16000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetectAsync_CancelledOnFirstChunk_StopsWithNothingYielded()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        using var detector = models.CreateDetector();
        using var cancel = new CancellationTokenSource();
        int pulled = 0;
        var yielded = new List<Utterance>();

        async IAsyncEnumerable<AudioChunk> CancelOnFirst()
        {
            await foreach (AudioChunk chunk in TestAudio.Stream(speech))
            {
                if (++pulled == 1) { await cancel.CancelAsync(); }
                yield return chunk;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Utterance u in detector.DetectAsync(CancelOnFirst(), cancel.Token)) { yielded.Add(u); }
        });
        Assert.Empty(yielded);
        Assert.InRange(pulled, 1, 2);
    }

    [Fact]
    public async Task DetectAsync_TwoStreamsAtOnce_EachGetsTheSameUtterancesAsAlone()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/ljspeech_LJ001-0001_16k_mono.wav"));
        using var detector = models.CreateDetector(o => o.EndOfTurnSilence = TimeSpan.FromMilliseconds(300));
        List<Utterance> alone = await ToListAsync(detector.DetectAsync(TestAudio.Stream(speech)));

        List<Utterance>[] together = await Task.WhenAll(
            Task.Run(() => ToListAsync(detector.DetectAsync(TestAudio.Stream(speech, 512)))),
            Task.Run(() => ToListAsync(detector.DetectAsync(TestAudio.Stream(speech, 4000)))));

        Assert.NotEmpty(alone);
        foreach (List<Utterance> run in together)
        {
            Assert.Equal(alone.Select(u => (u.Start, u.End)), run.Select(u => (u.Start, u.End)));
        }
    }

    [Fact]
    public async Task FindSpeechSegmentsAsync_Jfk_FindsOrderedSegmentsCoveringTheSpeech()
    {
        AudioChunk speech = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        using var detector = models.CreateDetector();

        IReadOnlyList<SpeechSegment> segments = await detector.FindSpeechSegmentsAsync(speech);

        Assert.NotEmpty(segments);
        Assert.InRange(segments[0].Start.TotalSeconds, JfkSpeechStart - Tolerance, JfkSpeechStart + Tolerance);
        Assert.InRange(segments[^1].End.TotalSeconds, JfkSpeechEnd - Tolerance, JfkSpeechEnd + Tolerance);
        double total = segments.Sum(s => s.Duration.TotalSeconds);
        Assert.InRange(total, 6.0, 10.0); // speech with the pauses between phrases taken out
        for (int i = 1; i < segments.Count; i++) { Assert.True(segments[i].Start >= segments[i - 1].End); }
        Assert.All(segments, s => Assert.InRange(s.MeanProbability, 0.5, 1.0));
    }

    [Fact]
    public async Task FindSpeechSegmentsAsync_Silence_FindsNone()
    {
        AudioChunk silence = await WavFile.ReadMono16kAsync(SharedMedia.Path("fixtures/silent_3s.wav"));
        using var detector = models.CreateDetector();

        Assert.Empty(await detector.FindSpeechSegmentsAsync(silence));
    }

    // Degraded, not dead (issue 15): a bad model does not stop the container building the detector (so `serve` starts);
    // it reports why it is off, and each use fails with that ModelLoadException.
    [Fact]
    public async Task Constructor_NotASileroModel_OffWithTheReasonAndEachUseThrowsModelLoadNamingTheSetting()
    {
        using var detector = models.CreateDetector(o => o.ModelPath = Path.Combine(models.ModelsDirectory, "face_detection_front_128x128.onnx"));

        Assert.Contains("not a Silero v6", detector.UnavailableReason, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => detector.FindSpeechSegmentsAsync(TestAudio.Silence(1.0)));
        Assert.Equal("VoiceActivity:ModelPath", error.Setting);
        Assert.Contains("not a Silero v6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingModel_OffWithTheFix()
    {
        using var detector = models.CreateDetector(o => o.ModelPath = "/nonexistent/silero_vad.onnx");

        Assert.Contains("pixelholo models pull", detector.UnavailableReason, StringComparison.Ordinal);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source) { list.Add(item); }
        return list;
    }
}
