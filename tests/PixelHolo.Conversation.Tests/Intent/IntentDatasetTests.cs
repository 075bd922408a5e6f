using PixelHolo.Conversation.Intent;

namespace PixelHolo.Conversation.Tests.Intent;

public sealed class IntentDatasetTests
{
    [Fact]
    public async Task Split_CommittedFiles_AreUniqueDisjointStratifiedAndLargeEnough()
    {
        IReadOnlyList<IntentExample> all = await IntentData.ReadAsync("dataset.tsv");
        IReadOnlyList<IntentExample> train = await IntentData.ReadAsync("train.tsv");
        IReadOnlyList<IntentExample> test = await IntentData.ReadAsync("test.tsv");

        Assert.True(all.Count >= 2000, $"{all.Count} rows");
        Assert.Equal(all.Count, all.Select(r => r.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(train.Select(r => r.Text).Intersect(test.Select(r => r.Text), StringComparer.Ordinal));
        Assert.Equal(all.Count, train.Count + test.Count);
        foreach (bool label in new[] { true, false })
        {
            double share = (double)test.Count(r => r.NeedsSearch == label) / all.Count(r => r.NeedsSearch == label);
            Assert.InRange(share, 0.19, 0.21);
        }
        Assert.All(all, r => Assert.Equal(r.Text.ToLowerInvariant(), r.Text));
        Assert.All(all, r => Assert.DoesNotContain('?', r.Text));
    }

    [Fact]
    public void Parse_BadLabel_FailsWithFileLineAndFix()
    {
        var error = Assert.Throws<FormatException>(() => IntentDataset.Parse("maybe\twhat is this", "x.tsv", 7));

        Assert.Contains("x.tsv:7", error.Message, StringComparison.Ordinal);
        Assert.Contains("search<TAB>text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoodRow_SplitsAtTheFirstTab()
    {
        Assert.Equal(new IntentExample("is it raining", true), IntentDataset.Parse("search\tis it raining", "x.tsv", 1));
    }
}
