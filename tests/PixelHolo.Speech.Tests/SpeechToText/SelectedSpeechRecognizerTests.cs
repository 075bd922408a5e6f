using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.Native;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.Tests.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.SpeechToText;

public sealed class SelectedSpeechRecognizerTests
{
    [Fact]
    public async Task RecognizeAsync_NoSherpaModelInstalled_PocketSphinxHearsJfkAndWarnsItIsCrude()
    {
        using var empty = new TempDirectory();
        using SelectedSpeechRecognizer recognizer = Create(empty.Path, new SpeechToTextOptions());
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));

        var updates = new List<TranscriptUpdate>();
        await foreach (TranscriptUpdate update in recognizer.RecognizeAsync(TestAudio.Stream(jfk, 8000))) { updates.Add(update); }

        Assert.Equal("pocketsphinx", recognizer.Name);
        Assert.Contains("Crude recognition", ((ISpeechRecognizerInfo)recognizer).Warning, StringComparison.Ordinal);
        Assert.Contains("country", Assert.Single(updates).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TranscribeAsync_ModelFileRemovedAfterStart_FailsNamingTheFileTheSettingAndThePullCommand()
    {
        // The choice sees a complete Moonshine folder; the model loads on first use, by when a file has gone. The check runs
        // before sherpa-onnx sees the config (it would not return a clear error).
        using var models = new TempDirectory();
        string folder = Path.Combine(models.Path, SherpaRecognizerModel.MoonshineFolder);
        Directory.CreateDirectory(folder);
        foreach (string path in SherpaRecognizerModel.Moonshine(folder).Paths) { File.WriteAllText(path, "not a model"); }
        using SelectedSpeechRecognizer recognizer = Create(models.Path, new SpeechToTextOptions { Engine = "moonshine" });
        Assert.Equal("moonshine", recognizer.Name);

        File.Delete(Path.Combine(folder, "tokens.txt"));
        var error = await Assert.ThrowsAsync<PixelHolo.Core.Errors.ModelLoadException>(() => recognizer.TranscribeAsync(TestAudio.Silence(1.0)));

        Assert.Contains("tokens.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull stt", error.Message, StringComparison.Ordinal);
        Assert.Equal("SpeechToText:MoonshineDirectory", error.Setting);
    }

    internal static SelectedSpeechRecognizer Create(string modelsDirectory, SpeechToTextOptions options, int cores = 2) =>
        new(Options.Create(options), Options.Create(new RuntimeOptions { ModelsDirectory = modelsDirectory }), SherpaTestRuntime.Library(),
            new PocketSphinxSpeechRecognizer(Options.Create(options), NullLogger<PocketSphinxSpeechRecognizer>.Instance),
            NullLogger<SelectedSpeechRecognizer>.Instance, cores);
}
