using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Search;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Intent;

public sealed class MlNetIntentClassifierTests : IDisposable
{
    private readonly MlNetIntentClassifier _classifier = new(Options.Create(new IntentOptions()), TimeProvider.System, NullLogger<MlNetIntentClassifier>.Instance);

    public void Dispose() => _classifier.Dispose();

    [Theory]
    [InlineData("what is the weather today")]
    [InlineData("um hey whats the weather gonna be like tomorrow in glasgow")]
    [InlineData("who won the rangers game last night")]
    [InlineData("is the science centre open on sunday")]
    [InlineData("how much is bitcoin right now")]
    [InlineData("who's the prime minister now")]
    [InlineData("and tomorrow")]
    public void Classify_TimeSensitiveOrLocal_NeedsSearch(string text)
    {
        IntentPrediction prediction = _classifier.Classify(text);
        Assert.True(prediction.NeedsSearch, $"'{text}' scored {prediction.Score:F3}, threshold {_classifier.Threshold:F2}");
        Assert.Equal("search", prediction.Label);
    }

    [Theory]
    [InlineData("tell me a joke")]
    [InlineData("what's your favourite colour")]
    [InlineData("what is seven times eight")]
    [InlineData("who painted the mona lisa")]
    [InlineData("how do i boil an egg")]
    [InlineData("thank you so much")]
    [InlineData("what time is it")]
    public void Classify_TimelessOrSmallTalk_DoesNotNeedSearch(string text)
    {
        IntentPrediction prediction = _classifier.Classify(text);
        Assert.False(prediction.NeedsSearch, $"'{text}' scored {prediction.Score:F3}, threshold {_classifier.Threshold:F2}");
        Assert.Equal("none", prediction.Label);
    }

    [Theory]
    [InlineData("What's the weather today?", "whats the weather today")]
    [InlineData("Tell me a joke, please!", "tell me a joke please")]
    public void Classify_CaseAndPunctuation_DoNotChangeTheScore(string typed, string spoken)
    {
        Assert.Equal(_classifier.Classify(spoken).Score, _classifier.Classify(typed).Score);
    }

    [Fact]
    public void Threshold_NotConfigured_IsTheCrossValidatedOneStoredWithTheModel()
    {
        IntentModelMetadata metadata = IntentModelMetadata.Read(IntentData.File(IntentModelPaths.ModelFileName));
        Assert.Equal(metadata.Threshold, _classifier.Threshold);
        Assert.InRange(metadata.Threshold, 0.05, 0.95);
    }

    [Fact]
    public void Threshold_Configured_OverridesStoredOne()
    {
        using var strict = new MlNetIntentClassifier(Options.Create(new IntentOptions { Threshold = 0.999 }), TimeProvider.System,
            NullLogger<MlNetIntentClassifier>.Instance);

        IntentPrediction prediction = strict.Classify("tell me a joke");

        Assert.Equal(0.999, strict.Threshold);
        Assert.False(prediction.NeedsSearch);
    }

    [Fact]
    public async Task Classify_ManyThreadsAtOnce_GivesTheSameScoresAsOneThread()
    {
        IReadOnlyList<IntentExample> rows = await IntentData.ReadAsync("test.tsv");
        float[] sequential = [.. rows.Select(r => _classifier.Classify(r.Text).Score)];
        var parallel = new float[rows.Count];

        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = _classifier.Classify(rows[i].Text).Score);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Classify_ModelMissing_FailsNamingTheSetting()
    {
        using var temp = new TempDirectory();
        using var classifier = new MlNetIntentClassifier(Options.Create(new IntentOptions { ModelPath = temp.File("none.zip") }),
            TimeProvider.System, NullLogger<MlNetIntentClassifier>.Instance);

        var error = Assert.Throws<ModelLoadException>(() => classifier.Classify("hello"));

        Assert.Equal("Intent:ModelPath", error.Setting);
        Assert.Contains("pixelholo intent train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_CorruptModel_FailsNamingTheFileAndTheFix()
    {
        using var temp = new TempDirectory();
        string path = temp.File("intent-model.zip");
        await File.WriteAllTextAsync(path, "this is not a zip");
        await File.WriteAllTextAsync(temp.File("intent-model.json"), "{\"threshold\": 0.5}");
        using var classifier = new MlNetIntentClassifier(Options.Create(new IntentOptions { ModelPath = path }),
            TimeProvider.System, NullLogger<MlNetIntentClassifier>.Instance);

        var error = Assert.Throws<ModelLoadException>(() => classifier.Classify("hello"));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains("pixelholo intent train", error.Message, StringComparison.Ordinal);
    }
}
