using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.SpeechToText;

public sealed class PocketSphinxSpeechRecognizerTests
{
    [Fact]
    public async Task TranscribeAsync_Jfk_ContainsKeyWords()
    {
        AudioChunk audio = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));

        string text = await Create().TranscribeAsync(audio);

        // PocketSphinx 0.8 is chaotic: shifting the input by 17 samples turns "what your country can do for you" into
        // "like your brain and you are you". "country" survives both, so that is the key word asserted.
        Assert.Contains("country", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(text.Split(' ').Length >= 10, $"too few words for 11 s of speech: '{text}'");
    }

    [Fact]
    public async Task TranscribeAsync_Silence_ReturnsNoWords()
    {
        string text = await Create().TranscribeAsync(TestAudio.Silence(1.0));

        Assert.Equal("", text);
    }

    [Fact]
    public async Task TranscribeAsync_22kAudio_ThrowsAudioFormat()
    {
        await Assert.ThrowsAsync<AudioFormatException>(() => Create().TranscribeAsync(TestAudio.Silence(1.0, 22_050)));
    }

    [Fact]
    public async Task TranscribeAsync_PocketSphinxMissing_SaysHowToInstallIt()
    {
        var error = await Assert.ThrowsAsync<MediaToolException>(
            () => Create(o => o.Executable = "/nonexistent/pocketsphinx_continuous").TranscribeAsync(TestAudio.Silence(1.0)));

        Assert.Equal(ToolFailure.NotFound, error.Failure);
        Assert.Contains("apt-get install pocketsphinx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranscribeAsync_ModelMissing_NamesTheSettingAndPackage()
    {
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(
            () => Create(o => o.ModelDirectory = "/nonexistent/model").TranscribeAsync(TestAudio.Silence(1.0)));

        Assert.Contains("SpeechToText:ModelDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("pocketsphinx-en-us", error.Message, StringComparison.Ordinal);
    }

    private static PocketSphinxSpeechRecognizer Create(Action<SpeechToTextOptions>? configure = null)
    {
        var options = new SpeechToTextOptions();
        configure?.Invoke(options);
        return new PocketSphinxSpeechRecognizer(Options.Create(options), NullLogger<PocketSphinxSpeechRecognizer>.Instance);
    }
}
