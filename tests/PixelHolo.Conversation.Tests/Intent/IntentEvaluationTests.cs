using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Tests.Intent;

/// <summary>The targets on the held-out test split, with the committed model (deterministic).</summary>
public sealed class IntentEvaluationTests
{
    [Fact]
    public async Task Evaluate_CommittedModelOnTestSplit_MeetsAccuracyAndRecallTargets()
    {
        IReadOnlyList<IntentExample> test = await IntentData.ReadAsync("test.tsv");
        using var classifier = new MlNetIntentClassifier(Options.Create(new IntentOptions()), TimeProvider.System, NullLogger<MlNetIntentClassifier>.Instance);

        IntentEvaluation evaluation = IntentEvaluation.Evaluate(classifier, test);

        Assert.True(evaluation.Accuracy >= 0.95, evaluation.ToReport());
        Assert.True(evaluation.Recall >= 0.95, evaluation.ToReport());
    }

    [Fact]
    public async Task Evaluate_OriginalMethodOnItsThirtyNineRows_IsWellBelowTheModel()
    {
        IReadOnlyList<IntentExample> test = await IntentData.ReadAsync("test.tsv");
        IReadOnlyList<IntentExample> original = await IntentData.ReadAsync("original-39.tsv");
        using TrainedIntentModel baseline = new IntentModelTrainer().TrainOriginalBaseline(original);

        IntentEvaluation evaluation = IntentEvaluation.Evaluate(baseline, test);

        Assert.Equal(39, original.Count);
        Assert.InRange(evaluation.Accuracy, 0.5, 0.9);
    }

    [Fact]
    public void FromPredictions_KnownCounts_ComputesFigures()
    {
        static (IntentExample, IntentPrediction) Row(bool truth, bool predicted) =>
            (new IntentExample("x", truth), new IntentPrediction("x", predicted, predicted ? 0.9f : 0.1f));

        var evaluation = IntentEvaluation.FromPredictions([Row(true, true), Row(true, true), Row(true, false), Row(false, true), Row(false, false)]);

        Assert.Equal(0.6, evaluation.Accuracy, 6);
        Assert.Equal(2.0 / 3, evaluation.Precision, 6);
        Assert.Equal(2.0 / 3, evaluation.Recall, 6);
        Assert.Equal(2, evaluation.Misclassified.Count);
        Assert.Contains("search         2       1", evaluation.ToReport(), StringComparison.Ordinal);
    }
}
