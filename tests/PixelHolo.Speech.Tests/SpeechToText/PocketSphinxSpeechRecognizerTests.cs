using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
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

        string text = (await Create().TranscribeAsync(audio)).Text;

        // PocketSphinx 0.8 is chaotic: shifting the input by 17 samples turns "what your country can do for you" into
        // "like your brain and you are you". "country" survives both, so that is the key word asserted.
        Assert.Contains("country", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(text.Split(' ').Length >= 10, $"too few words for 11 s of speech: '{text}'");
    }

    [Fact]
    public async Task RecognizeAsync_JfkInChunks_OneFinalUpdateWithTimedKeyWords()
    {
        AudioChunk audio = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));
        var offset = TimeSpan.FromSeconds(2);

        var updates = new List<TranscriptUpdate>();
        await foreach (TranscriptUpdate update in Create().RecognizeAsync(Shift(TestAudio.Stream(audio, chunkSamples: 4000), offset)))
        {
            updates.Add(update);
        }

        TranscriptUpdate final = Assert.Single(updates);
        Assert.True(final.IsFinal);
        Assert.Contains("country", final.Text, StringComparison.OrdinalIgnoreCase);
        // "country" is spoken at about 5.9 s and 10.0 s into jfk.wav (whichever pocketsphinx catches); the times are in
        // the stream's timeline (+2 s).
        WordTiming country = final.Words.First(w => w.Word == "country");
        Assert.InRange(country.Start.TotalSeconds, offset.TotalSeconds + 5.5, offset.TotalSeconds + 10.5);
        Assert.All(final.Words, w => Assert.InRange(w.Start, offset, w.End));
        Assert.All(final.Words, w => Assert.InRange(w.End, w.Start, offset + audio.Duration));
        Assert.All(final.Words, w => Assert.DoesNotContain(w.Word, "<[(+", StringComparison.Ordinal));
        Assert.Equal(final.Words.OrderBy(w => w.Start).ToList(), final.Words);
        Assert.Equal(string.Join(' ', final.Words.Select(w => w.Word)), final.Text);
    }

    [Fact]
    public async Task RecognizeAsync_22kChunk_ThrowsAudioFormat()
    {
        await Assert.ThrowsAsync<AudioFormatException>(async () =>
        {
            await foreach (TranscriptUpdate _ in Create().RecognizeAsync(TestAudio.Stream(TestAudio.Silence(1.0, 22_050)))) { }
        });
    }

    [Fact]
    public async Task RecognizeAsync_NoAudio_YieldsOneEmptyFinalUpdate()
    {
        var updates = new List<TranscriptUpdate>();
        await foreach (TranscriptUpdate update in Create().RecognizeAsync(TestAudio.Stream(TestAudio.Silence(0)))) { updates.Add(update); }

        TranscriptUpdate final = Assert.Single(updates);
        Assert.True(final.IsFinal);
        Assert.Equal("", final.Text);
        Assert.Empty(final.Words);
    }

    [Fact]
    public void Parse_TimedOutput_DropsMarksFillersAndVariants()
    {
        const string stdout = "and not\n<s> 3.170 3.280 1.000300\nand(2) 3.290 3.730 0.985603\n<sil> 3.740 3.980 0.828680\n" +
            "[NOISE] 3.980 3.990 0.5\nnot 3.990 4.300 0.817730\n</s> 4.310 4.760 1.000000\n";

        PocketSphinxOutput output = PocketSphinxOutput.Parse(stdout);

        Assert.Equal("and not", output.Text);
        Assert.Equal(
            [new WordTiming("and", TimeSpan.FromSeconds(3.29), TimeSpan.FromSeconds(3.73)), new WordTiming("not", TimeSpan.FromSeconds(3.99), TimeSpan.FromSeconds(4.3))],
            output.Words);
    }

    [Fact]
    public async Task TranscribeAsync_Silence_ReturnsNoWords()
    {
        string text = (await Create().TranscribeAsync(TestAudio.Silence(1.0))).Text;

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

    private static async IAsyncEnumerable<AudioChunk> Shift(IAsyncEnumerable<AudioChunk> chunks, TimeSpan offset)
    {
        await foreach (AudioChunk chunk in chunks) { yield return chunk with { Start = chunk.Start + offset }; }
    }

    private static PocketSphinxSpeechRecognizer Create(Action<SpeechToTextOptions>? configure = null)
    {
        var options = new SpeechToTextOptions();
        configure?.Invoke(options);
        return new PocketSphinxSpeechRecognizer(Options.Create(options), NullLogger<PocketSphinxSpeechRecognizer>.Instance);
    }
}
