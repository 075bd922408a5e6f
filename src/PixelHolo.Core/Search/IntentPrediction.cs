namespace PixelHolo.Core.Search;

/// <summary>What the intent classifier decided for one utterance.</summary>
/// <param name="Text">The utterance as given.</param>
/// <param name="NeedsSearch">True when <paramref name="Score"/> reached the decision threshold.</param>
/// <param name="Score">Probability, 0 to 1, that the utterance needs a web search.</param>
public sealed record IntentPrediction(string Text, bool NeedsSearch, float Score)
{
    /// <summary>"search" or "none", the labels of the dataset and of <c>pixelholo intent classify</c>.</summary>
    public string Label => NeedsSearch ? IntentLabels.Search : IntentLabels.None;
}

/// <summary>The two labels of the intent dataset (data/intent/*.tsv).</summary>
public static class IntentLabels
{
    public const string Search = "search";
    public const string None = "none";
}
