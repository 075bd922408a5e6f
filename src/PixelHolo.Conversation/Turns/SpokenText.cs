using System.Text.RegularExpressions;

namespace PixelHolo.Conversation.Turns;

/// <summary>Makes model output speakable: removes markdown marks and stage directions, keeps every letter
/// (the original stripped all non-ASCII text and broke accented names).</summary>
public static partial class SpokenText
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string cleaned = MarkdownMarks().Replace(text, "");
        cleaned = StageDirections().Replace(cleaned, "");
        cleaned = Whitespace().Replace(cleaned, " ");
        return cleaned.Trim();
    }

    [GeneratedRegex(@"[*_`#>~]+")]
    private static partial Regex MarkdownMarks();

    [GeneratedRegex(@"\((?:smiles|laughs|pauses|sighs)[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex StageDirections();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
