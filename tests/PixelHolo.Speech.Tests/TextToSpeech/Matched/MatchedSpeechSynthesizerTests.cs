using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Tests.TextToSpeech;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Speech.TextToSpeech.Matched;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.TextToSpeech.Matched;

/// <summary>Real speech from ../shared/media/audio: LJ Speech (a woman, median F0 about 230 Hz) and LibriSpeech speaker
/// 1320 (a man, about 110 Hz). The voice is fitted on the calibration text and measured on other words.</summary>
public sealed class MatchedSpeechSynthesizerTests
{
    private const string HeldOutText =
        "Thank you for visiting our museum today. The next guided tour starts in the main hall, right after the short film about the old harbour.";

    [Theory]
    [InlineData("audio/ljspeech_ref_35s.wav")]            // high-pitched: stock espeak-ng (about 100 Hz) is more than an octave too low
    [InlineData("audio/librispeech_1320_00000_16k_mono.wav")] // low-pitched
    public async Task SynthesizeAsync_RealReference_MovesPitchAndSpectrumTowardIt(string reference)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        (EspeakSpeechSynthesizer espeak, MatchedSpeechSynthesizer matched) = Create();
        AudioChunk referenceAudio = AudioResampler.ToMono(await WavFile.ReadAsync(SharedMedia.Path(reference)));
        PitchStatistics referencePitch = PitchEstimator.Statistics(referenceAudio)!;
        double[] referenceSpectrum = LongTermSpectrum.Measure(referenceAudio);
        var voice = new VoiceReference(SharedMedia.Path(reference), "", ProfileFolder: "");

        AudioChunk stock = Join(await EspeakSpeechSynthesizerTests.ToListAsync(
            espeak.SynthesizeAsync(EspeakSpeechSynthesizerTests.Texts(HeldOutText), null, guard.Token)));
        AudioChunk spoken = Join(await EspeakSpeechSynthesizerTests.ToListAsync(
            matched.SynthesizeAsync(EspeakSpeechSynthesizerTests.Texts(HeldOutText), voice, guard.Token)));

        double stockF0 = PitchEstimator.Statistics(stock)!.MedianHz, matchedF0 = PitchEstimator.Statistics(spoken)!.MedianHz;
        double stockDistance = LongTermSpectrum.Distance(LongTermSpectrum.Measure(stock), referenceSpectrum);
        double matchedDistance = LongTermSpectrum.Distance(LongTermSpectrum.Measure(spoken), referenceSpectrum);
        string figures = $"reference F0 {referencePitch.MedianHz:F0} Hz, stock {stockF0:F0} Hz, matched {matchedF0:F0} Hz; " +
            $"spectrum distance stock {stockDistance:F2} dB, matched {matchedDistance:F2} dB";
        Assert.True(Math.Abs((matchedF0 / referencePitch.MedianHz) - 1) <= 0.10, figures);
        Assert.True(Math.Abs(matchedF0 - referencePitch.MedianHz) <= Math.Abs(stockF0 - referencePitch.MedianHz), figures);
        Assert.True(matchedDistance <= 0.6 * stockDistance, figures);
        Assert.InRange(spoken.Duration.TotalSeconds, stock.Duration.TotalSeconds * 0.7, stock.Duration.TotalSeconds * 1.5);
    }

    [Fact]
    public async Task GetAsync_ProfileReference_IsFittedOnceAndCachedBesideIt()
    {
        using var profile = new TempDirectory("matched-profile");
        string wav = Path.Combine(profile.Path, "voice", "reference.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(wav)!);
        File.Copy(SharedMedia.Path("audio/librispeech_1320_00000_16k_mono.wav"), wav);
        var voice = new VoiceReference(wav, "", profile.Path);
        (_, MatchedSpeechSynthesizer first) = Create();

        await first.PrepareAsync(voice, CancellationToken.None);

        string cache = Path.Combine(profile.Path, "voice", MatchedVoiceStore.CacheFileName);
        Assert.True(File.Exists(cache), "the fit should be cached in voice/");
        // A second process whose espeak-ng cannot run can only succeed by reading the cache: nothing is analysed again.
        (_, MatchedSpeechSynthesizer second) = Create(o => o.Executable = "/nonexistent/espeak-ng");
        MatchedVoiceStore store = StoreOf(second);
        MatchedVoice loaded = await store.GetAsync(voice, CancellationToken.None);
        Assert.InRange(loaded.Settings.MatchedPitch.MedianHz, 90, 130);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(wav)!, "*.tmp"));

        // A different reference is fitted again (the cache is keyed by the file's SHA-256), which that process cannot do.
        File.Copy(SharedMedia.Path("audio/jfk.wav"), wav, overwrite: true);
        await Assert.ThrowsAsync<MediaToolException>(() => StoreOf(Create(o => o.Executable = "/nonexistent/espeak-ng").Matched).GetAsync(voice, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_ReferenceOutsideAProfile_WritesNothingBesideIt()
    {
        using var folder = new TempDirectory("matched-reference");
        string wav = folder.File("someone.wav");
        File.Copy(SharedMedia.Path("audio/librispeech_1320_00000_16k_mono.wav"), wav);
        (_, MatchedSpeechSynthesizer matched) = Create();

        await matched.PrepareAsync(new VoiceReference(wav, "", ProfileFolder: ""), CancellationToken.None);

        Assert.Equal([wav], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task GetAsync_ReferenceWithoutVoicedSpeech_SaysSo()
    {
        using var folder = new TempDirectory("matched-silent");
        string wav = folder.File("silence.wav");
        await WavFile.WriteAsync(wav, TestAudio.Silence(3.0));
        (_, MatchedSpeechSynthesizer matched) = Create();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => matched.PrepareAsync(new VoiceReference(wav, "", ""), CancellationToken.None));

        Assert.Contains("no voiced speech", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthesizeAsync_CancelledOnFirstAudio_StopsMidSentenceAndKillsEspeak()
    {
        (EspeakSpeechSynthesizer espeak, MatchedSpeechSynthesizer matched) = Create();
        var voice = new VoiceReference(SharedMedia.Path("audio/librispeech_1320_00000_16k_mono.wav"), "", "");
        await matched.PrepareAsync(voice, CancellationToken.None); // the fit runs espeak-ng too: hook only the answer's process
        int pid = 0;
        espeak.ProcessStarted = id => pid = id;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        string longText = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again until it is stopped.", 300));
        var received = new List<SpeechAudioChunk>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SpeechAudioChunk chunk in matched.SynthesizeAsync(EspeakSpeechSynthesizerTests.Texts(longText, "Never."), voice, cancel.Token))
            {
                received.Add(chunk);
                cancel.Cancel();
            }
        });

        SpeechAudioChunk only = Assert.Single(received);
        Assert.False(only.IsLastOfText);
        Assert.True(await EspeakSpeechSynthesizerTests.HasExitedAsync(pid), $"espeak-ng (pid {pid}) is still running after cancellation");
    }

    internal static (EspeakSpeechSynthesizer Espeak, MatchedSpeechSynthesizer Matched) Create(Action<TtsOptions>? configure = null)
    {
        var tts = new TtsOptions();
        configure?.Invoke(tts);
        var options = Options.Create(tts);
        var espeak = new EspeakSpeechSynthesizer(options, NullLogger<EspeakSpeechSynthesizer>.Instance);
        var estimator = new MatchedVoiceEstimator(espeak, NullLogger<MatchedVoiceEstimator>.Instance);
        var store = new MatchedVoiceStore(estimator, options, NullLogger<MatchedVoiceStore>.Instance);
        return (espeak, new MatchedSpeechSynthesizer(espeak, store));
    }

    private static MatchedVoiceStore StoreOf(MatchedSpeechSynthesizer matched) => matched.Store;

    internal static AudioChunk Join(IReadOnlyList<SpeechAudioChunk> chunks) =>
        AudioLevels.Concat([.. chunks.Where(c => !c.Audio.Samples.IsEmpty).Select(c => c.Audio)]);
}
