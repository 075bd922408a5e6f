using PixelHolo.Core.Search;

namespace PixelHolo.Conversation.Intent;

/// <summary>Reads the intent dataset's TSV files: one <c>label&lt;TAB&gt;text</c> row per line, labels "search" / "none".</summary>
public static class IntentDataset
{
    /// <summary>Reads every row; a bad row fails with its line number and what a good row looks like.</summary>
    public static async Task<IReadOnlyList<IntentExample>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The intent data file '{path}' does not exist. Pass a TSV of label<TAB>text rows, e.g. data/intent/test.tsv.", path);
        }
        var rows = new List<IntentExample>();
        int lineNumber = 0;
        foreach (string line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0) { continue; }
            rows.Add(Parse(line, path, lineNumber));
        }
        return rows;
    }

    internal static IntentExample Parse(string line, string path, int lineNumber)
    {
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        string label = tab < 0 ? "" : line[..tab];
        bool? needsSearch = label switch
        {
            IntentLabels.Search => true,
            IntentLabels.None => false,
            _ => null,
        };
        if (needsSearch is null)
        {
            throw new FormatException(
                $"{path}:{lineNumber}: expected 'search<TAB>text' or 'none<TAB>text', got '{Truncate(line)}'. " +
                "Fix the row (the label is the first column, separated from the utterance by one tab).");
        }
        return new IntentExample(line[(tab + 1)..], needsSearch.Value);
    }

    private static string Truncate(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
