using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.VoiceProfile;

[Collection(nameof(SpeechModelsGroup))]
public sealed class VoiceReferenceBuilderTests(SpeechModelsFixture models)
{
    [Fact]
    public async Task BuildAsync_35sOfCleanReading_Writes10To30sReferenceWithTranscript()
    {
        using var profile = new TempDirectory("pixelholo-profile");
        var builder = models.Services.GetRequiredService<IVoiceReferenceBuilder>();

        VoiceReferenceResult result = await builder.BuildAsync(SharedMedia.Path("audio/ljspeech_ref_35s_16k_mono.wav"), profile.Path);

        Assert.Null(result.Warning);
        Assert.NotNull(result.Reference);
        string wav = Path.Combine(profile.Path, "voice", "reference.wav");
        string txt = Path.Combine(profile.Path, "voice", "reference.txt");
        Assert.Equal(wav, result.Reference.WavPath);
        AudioChunk reference = await WavFile.ReadAsync(wav);
        Assert.Equal(16_000, reference.SampleRateHz);
        Assert.Equal(1, reference.Channels);
        Assert.InRange(reference.Duration.TotalSeconds, 10, 31); // 30 s of speech plus the short gaps between segments
        Assert.InRange(result.CleanSpeech.TotalSeconds, 20, 35.7);
        Assert.Equal(result.Reference.Transcript, await File.ReadAllTextAsync(txt));
        Assert.True(result.Reference.Transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 20,
            $"transcript too short: '{result.Reference.Transcript}'");
        Assert.Equal(result.Segments.OrderBy(s => s.Start), result.Segments);
    }

    [Fact]
    public async Task BuildAsync_FullRateSource_AlsoWritesTheSameSpeechAt24kHzForCloning()
    {
        using var profile = new TempDirectory("pixelholo-profile");
        var builder = models.Services.GetRequiredService<IVoiceReferenceBuilder>();

        VoiceReferenceResult result = await builder.BuildAsync(SharedMedia.Path("audio/ljspeech_LJ001-0001.wav"), profile.Path); // 22,050 Hz, 10 s

        Assert.NotNull(result.Reference);
        Assert.Equal(Path.Combine(profile.Path, "voice", "reference-24k.wav"), result.Reference.Wav24kPath);
        AudioChunk narrow = await WavFile.ReadAsync(result.Reference.WavPath);
        AudioChunk wide = await WavFile.ReadAsync(result.Reference.Wav24kPath!);
        Assert.Equal(16_000, narrow.SampleRateHz);
        Assert.Equal(24_000, wide.SampleRateHz);
        Assert.Equal(1, wide.Channels);
        Assert.Equal(narrow.Duration.TotalSeconds, wide.Duration.TotalSeconds, 0.02); // the same stretches of speech
        Assert.InRange(AudioLevels.PeakDb(wide.Samples.Span), -1.5, -0.5);            // peak-normalised like the 16 kHz one
        Assert.Equal(22_050, result.SourceRateHz);
        Assert.Equal("pocketsphinx", result.TranscriptEngine); // the best recogniser present here
    }

    [Fact]
    public async Task BuildAsync_Silence_WarnsAndWritesNoReference()
    {
        using var profile = new TempDirectory("pixelholo-profile");
        var builder = models.Services.GetRequiredService<IVoiceReferenceBuilder>();

        VoiceReferenceResult result = await builder.BuildAsync(SharedMedia.Path("fixtures/silent_3s.wav"), profile.Path);

        Assert.Null(result.Reference);
        Assert.NotNull(result.Warning);
        Assert.Contains("0.0 s of clean speech", result.Warning, StringComparison.Ordinal);
        Assert.Contains("Upload a clip", result.Warning, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(profile.Path, "voice")));
    }

    [Fact]
    public async Task BuildAsync_ShortClip_WritesReferenceButWarns()
    {
        using var profile = new TempDirectory("pixelholo-profile");
        var builder = models.Services.GetRequiredService<IVoiceReferenceBuilder>();

        VoiceReferenceResult result = await builder.BuildAsync(SharedMedia.Path("audio/librispeech_1320_00000_16k_mono.wav"), profile.Path);

        Assert.NotNull(result.Reference);
        Assert.NotNull(result.Warning);
        Assert.InRange(result.ReferenceDuration.TotalSeconds, 1, 5.1);
        Assert.True(File.Exists(Path.Combine(profile.Path, "voice", "reference.wav")));
    }
}
