using PixelHolo.Speech.Native;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.SpeechToText;

public sealed class SpeechRecognizerChoiceTests : IDisposable
{
    private readonly TempDirectory _models = new();

    [Theory]
    [InlineData(8, "parakeet")]
    [InlineData(4, "parakeet")]
    [InlineData(2, "moonshine")]
    [InlineData(1, "moonshine")]
    public void Choose_AutoWithEverythingInstalled_PicksByCoreCount(int cores, string expected)
    {
        Install(SherpaRecognizerModel.ParakeetFolder, SherpaRecognizerModel.Parakeet);
        Install(SherpaRecognizerModel.MoonshineFolder, SherpaRecognizerModel.Moonshine);
        Install(SherpaRecognizerModel.WhisperFolder, SherpaRecognizerModel.Whisper);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, cores, runtimeMissing: null);

        Assert.Equal(expected, choice.Engine);
        Assert.Null(choice.Warning);
        Assert.StartsWith(_models.Path, choice.Model!.Folder, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_AutoWithOnlyWhisper_PicksWhisperOnAnyCoreCount()
    {
        Install(SherpaRecognizerModel.WhisperFolder, SherpaRecognizerModel.Whisper);

        Assert.Equal("whisper", SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, 8, null).Engine);
        Assert.Equal("whisper", SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, 2, null).Engine);
    }

    [Fact]
    public void Choose_OnlyParakeetOnTwoCores_UsesItAndWarnsItMayLag()
    {
        Install(SherpaRecognizerModel.ParakeetFolder, SherpaRecognizerModel.Parakeet);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, 2, null);

        Assert.Equal("parakeet", choice.Engine);
        Assert.Contains("4+", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NothingInstalled_FallsBackToPocketSphinxWithTheCrudeWarning()
    {
        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, 8, null);

        Assert.Equal("pocketsphinx", choice.Engine);
        Assert.Null(choice.Model);
        Assert.Contains("Crude recognition", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull stt", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ConfiguredEngineMissing_FallsBackAndSaysWhatWasMissing()
    {
        Install(SherpaRecognizerModel.MoonshineFolder, SherpaRecognizerModel.Moonshine);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions { Engine = "parakeet" }, _models.Path, 8, null);

        Assert.Equal("moonshine", choice.Engine);
        Assert.Contains("SpeechToText:Engine is parakeet", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("encoder.int8.onnx", choice.Warning, StringComparison.Ordinal);
        Assert.Contains("Using moonshine instead", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ConfiguredEnginePresent_IsUsedOverTheCoreCountOrder()
    {
        Install(SherpaRecognizerModel.ParakeetFolder, SherpaRecognizerModel.Parakeet);
        Install(SherpaRecognizerModel.WhisperFolder, SherpaRecognizerModel.Whisper);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions { Engine = "whisper" }, _models.Path, 8, null);

        Assert.Equal("whisper", choice.Engine);
        Assert.Null(choice.Warning);
    }

    [Fact]
    public void Choose_RuntimeMissing_PocketSphinxSayingWhy()
    {
        Install(SherpaRecognizerModel.MoonshineFolder, SherpaRecognizerModel.Moonshine);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions(), _models.Path, 2, "the sherpa-onnx runtime is not installed");

        Assert.Equal("pocketsphinx", choice.Engine);
        Assert.Contains("the sherpa-onnx runtime is not installed", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_PocketSphinxConfigured_IsUsedWithItsWarning()
    {
        Install(SherpaRecognizerModel.MoonshineFolder, SherpaRecognizerModel.Moonshine);

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions { Engine = "pocketsphinx" }, _models.Path, 2, null);

        Assert.Equal("pocketsphinx", choice.Engine);
        Assert.Contains("Crude recognition", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ExplicitFolder_OverridesTheModelsDirectory()
    {
        using var elsewhere = new TempDirectory();
        foreach (string path in SherpaRecognizerModel.Whisper(elsewhere.Path).Paths) { File.WriteAllText(path, "x"); }

        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(new SpeechToTextOptions { WhisperDirectory = elsewhere.Path }, _models.Path, 2, null);

        Assert.Equal("whisper", choice.Engine);
        Assert.Equal(Path.GetFullPath(elsewhere.Path), choice.Model!.Folder);
    }

    private void Install(string folder, Func<string, SherpaRecognizerModel> model)
    {
        string path = Path.Combine(_models.Path, folder);
        Directory.CreateDirectory(path);
        foreach (string file in model(path).Paths) { File.WriteAllText(file, "x"); }
    }

    public void Dispose() => _models.Dispose();
}
