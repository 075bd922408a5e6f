using System.Globalization;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>What <c>pocketsphinx_continuous -time yes</c> printed: the hypothesis lines joined, and the timed words
/// without sentence marks (<c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>), silences (<c>&lt;sil&gt;</c>), fillers
/// (<c>[NOISE]</c>, <c>++BREATH++</c>) or pronunciation variants (<c>can(2)</c> is "can").</summary>
internal sealed record PocketSphinxOutput(string Text, IReadOnlyList<WordTiming> Words)
{
    public static PocketSphinxOutput Parse(string stdout)
    {
        var text = new List<string>();
        var words = new List<WordTiming>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 4
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
                && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double end)
                && double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                string word = fields[0];
                if (word.StartsWith('<') || word.StartsWith('[') || word.StartsWith('+')) { continue; }
                int variant = word.IndexOf('(', StringComparison.Ordinal);
                if (variant > 0) { word = word[..variant]; }
                words.Add(new WordTiming(word, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end)));
            }
            else
            {
                text.Add(line);
            }
        }
        return new PocketSphinxOutput(string.Join(' ', text), words);
    }
}
