using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Search;
using PixelHolo.TestSupport;

namespace PixelHolo.Conversation.Tests.Intent;

public sealed class IntentModelTrainerTests
{
    private static async Task<List<IntentExample>> SubsetAsync(int perLabel)
    {
        IReadOnlyList<IntentExample> train = await IntentData.ReadAsync("train.tsv");
        return [.. train.Where(r => r.NeedsSearch).Take(perLabel), .. train.Where(r => !r.NeedsSearch).Take(perLabel)];
    }

    [Fact]
    public async Task Train_SameSeedTwice_GivesTheSameScores()
    {
        List<IntentExample> rows = await SubsetAsync(150);
        using TrainedIntentModel first = new IntentModelTrainer(seed: 7).Train(rows, 0.5);
        using TrainedIntentModel second = new IntentModelTrainer(seed: 7).Train(rows, 0.5);

        string[] probes = ["whats the weather tomorrow", "tell me a joke", "is the museum open"];

        Assert.Equal(probes.Select(p => first.Classify(p).Score), probes.Select(p => second.Classify(p).Score));
    }

    [Fact]
    public async Task SaveAsync_ThenLoad_GivesTheSameScoresAndWritesTheThreshold()
    {
        List<IntentExample> rows = await SubsetAsync(150);
        using var temp = new TempDirectory();
        string path = temp.File("model.zip");
        using TrainedIntentModel trained = new IntentModelTrainer().Train(rows, 0.42);
        var metadata = new IntentModelMetadata(0.42, 1, rows.Count, 5, 0.9, 0.9, 0.9, "test");

        await trained.SaveAsync(path, metadata, CancellationToken.None);
        using TrainedIntentModel loaded = TrainedIntentModel.Load(path, IntentModelMetadata.Read(path).Threshold);

        Assert.Equal(0.42, loaded.Threshold);
        Assert.Equal(trained.Classify("is it raining in york").Score, loaded.Classify("is it raining in york").Score);
        Assert.Equal(["model.json", "model.zip"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ChooseThreshold_OverlappingScores_PrefersRecall()
    {
        // Positives spread down to 0.3, negatives up to 0.45: the F2 choice keeps every positive.
        var scores = new List<(IntentExample, float)>();
        foreach (float s in new[] { 0.3f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f }) { scores.Add((new IntentExample("p", true), s)); }
        foreach (float s in new[] { 0.05f, 0.1f, 0.2f, 0.35f, 0.45f, 0.1f }) { scores.Add((new IntentExample("n", false), s)); }

        double threshold = IntentModelTrainer.ChooseThreshold(scores);

        Assert.InRange(threshold, 0.21, 0.30);
        Assert.All(scores.Where(s => s.Item1.NeedsSearch), s => Assert.True(s.Item2 >= threshold));
    }

    [Fact]
    public async Task CrossValidate_EveryRow_GetsAnOutOfFoldScore()
    {
        List<IntentExample> rows = await SubsetAsync(60);

        var scores = new IntentModelTrainer().CrossValidate(rows);

        Assert.Equal(rows.Count, scores.Count);
        Assert.All(scores, s => Assert.InRange(s.Score, 0f, 1f));
        Assert.True(IntentEvaluation.FromPredictions(scores.Select(s => (s.Example, new IntentPrediction(s.Example.Text, s.Score >= 0.5, s.Score)))).Accuracy > 0.6);
    }
}
