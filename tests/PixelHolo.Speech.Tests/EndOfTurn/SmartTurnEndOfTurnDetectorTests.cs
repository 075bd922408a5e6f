using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Speech;
using PixelHolo.Inference.Onnx;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.EndOfTurn;
using PixelHolo.Speech.Tests.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.EndOfTurn;

[Collection(nameof(SpeechModelsGroup))]
public sealed class SmartTurnEndOfTurnDetectorTests(SpeechModelsFixture models)
{
    [Fact]
    public async Task PredictAsync_ModelMissing_IsUnavailableAndNamesTheFileTheSettingAndThePullCommand()
    {
        using var empty = new TempDirectory();
        using SmartTurnEndOfTurnDetector detector = Create(empty.Path);

        Assert.False(detector.IsAvailable);
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => detector.PredictAsync(new float[16_000]));
        Assert.Equal("EndOfTurn:ModelPath", error.Setting);
        Assert.Contains(Path.Combine(empty.Path, "smart-turn-v3.2-cpu.onnx"), error.Message, StringComparison.Ordinal);
        Assert.Contains("pixelholo models pull turn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSpeech_RegistersSmartTurn()
    {
        Assert.IsType<SmartTurnEndOfTurnDetector>(models.Services.GetRequiredService<IEndOfTurnDetector>());
    }

    [RequiresModelFact(".", "smart-turn-v3.2-cpu.onnx")]
    public async Task PredictAsync_Jfk_SentenceEndIsCompleteMidClauseIsNot()
    {
        using SmartTurnEndOfTurnDetector detector = Create(RepoPaths.ModelsDirectory);
        AudioChunk jfk = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/jfk.wav"));

        EndOfTurnDecision end = await detector.PredictAsync(jfk.Samples[..(int)(10.6 * 16_000)]);   // "...for your country."
        EndOfTurnDecision middle = await detector.PredictAsync(jfk.Samples[..(int)(4.0 * 16_000)]); // mid-clause

        Assert.True(end.IsComplete, $"P(complete) at the sentence end = {end.Probability}");
        Assert.True(end.Probability > middle.Probability);
    }

    private SmartTurnEndOfTurnDetector Create(string modelsDirectory) => new(
        Options.Create(new EndOfTurnOptions()), Options.Create(new RuntimeOptions { ModelsDirectory = modelsDirectory }),
        models.Services.GetRequiredService<IOnnxSessionFactory>(), NullLogger<SmartTurnEndOfTurnDetector>.Instance);
}
