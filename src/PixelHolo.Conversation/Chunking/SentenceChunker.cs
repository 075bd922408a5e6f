using System.Runtime.CompilerServices;
using System.Text;
using PixelHolo.Conversation.Turns;

namespace PixelHolo.Conversation.Chunking;

/// <summary>Cuts a streamed answer into pieces for speech: the first piece short (its first clause, at least
/// <see cref="MinFirstWords"/> words, at most <see cref="MaxFirstWords"/>), so the avatar starts speaking early; then whole
/// sentences. It never splits a word, a number ("3.5", "1,200"), an abbreviation ("Dr.", "e.g.") or a URL: a mark counts
/// only when whitespace follows it, and a period only when it does not close a known abbreviation or an initial and the
/// next word does not start in lower case. An answer with no punctuation at all is cut at word boundaries every
/// <see cref="MaxWords"/> words so that speech still starts.</summary>
internal sealed class SentenceChunker
{
    public const int MinFirstWords = 3;
    public const int MaxFirstWords = 10;
    public const int MaxWords = 40;

    // Lower case, without the final period. Titles, Latin shorthands, units and months that models write with a period.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "mt", "ft", "no", "vs", "etc", "e.g", "i.e", "cf", "approx",
        "inc", "ltd", "co", "corp", "dept", "est", "fig", "gen", "gov", "lt", "col", "capt", "sgt", "rev", "hon", "u.s",
        "u.k", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "min",
        "max", "al", "ca", "vol", "pp", "ed", "ph.d",
    };

    private readonly StringBuilder _pending = new();
    private bool _firstDone;

    /// <summary>Adds streamed text; returns the pieces it completed (often none).</summary>
    public IReadOnlyList<string> Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _pending.Append(text);
        List<string>? done = null;
        while (NextCut(final: false) is int cut)
        {
            string piece = Take(cut);
            if (piece.Length == 0) { continue; }
            (done ??= []).Add(piece);
        }
        return done ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The end of the answer: returns what is left, cut the same way.</summary>
    public IReadOnlyList<string> Flush()
    {
        var done = new List<string>();
        while (NextCut(final: true) is int cut)
        {
            string piece = Take(cut);
            if (piece.Length > 0) { done.Add(piece); }
        }
        string rest = SpokenText.Clean(_pending.ToString());
        _pending.Clear();
        if (rest.Length > 0) { done.Add(rest); }
        return done;
    }

    /// <summary>Cuts a whole stream of tokens; pieces are yielded as soon as they are complete.</summary>
    public static async IAsyncEnumerable<string> ChunkAsync(IAsyncEnumerable<string> tokens, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var chunker = new SentenceChunker();
        await foreach (string token in tokens.WithCancellation(cancellationToken))
        {
            foreach (string piece in chunker.Append(token)) { yield return piece; }
        }
        foreach (string piece in chunker.Flush()) { yield return piece; }
    }

    private string Take(int cut)
    {
        string piece = SpokenText.Clean(_pending.ToString(0, cut));
        _pending.Remove(0, cut);
        // A cut that left only markdown marks or a stage direction speaks nothing; the first short piece is still owed.
        if (piece.Length > 0) { _firstDone = true; }
        return piece;
    }

    /// <summary>Where the next piece ends (exclusive), or null when more text is needed.</summary>
    private int? NextCut(bool final)
    {
        string text = _pending.ToString();
        int words = 0;
        bool inWord = false;
        int? lastClause = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    inWord = false;
                    words++;
                    // Too long without a usable mark: cut at this word boundary (never inside a word).
                    int limit = _firstDone ? MaxWords : MaxFirstWords;
                    if (words >= limit) { return _firstDone && lastClause is int clause ? clause : i; }
                }
                if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n' && words >= MinWords()) { return i; }
                continue;
            }
            inWord = true;
            Boundary boundary = Classify(text, i, final);
            if (boundary == Boundary.NeedMore) { return null; }
            if (boundary == Boundary.None) { continue; }
            int end = EndOfMarks(text, i);
            bool attached = i > 0 && !char.IsWhiteSpace(text[i - 1]);
            int wordsThrough = attached ? words + 1 : words; // the word this mark closes, if it closes one
            if (boundary == Boundary.Clause)
            {
                if (!_firstDone && wordsThrough >= MinFirstWords) { return end; }
                if (_firstDone) { lastClause = end; }
                continue;
            }
            if (wordsThrough >= MinWords()) { return end; }
        }
        return null;
    }

    private int MinWords() => _firstDone ? 1 : MinFirstWords;

    private enum Boundary { None, Clause, Sentence, NeedMore }

    /// <summary>Whether the character at <paramref name="i"/> ends a clause or a sentence. A mark counts only with
    /// whitespace after it (so "3.5", "1,200", "example.com/a.b" and "https://" never do).</summary>
    private static Boundary Classify(string text, int i, bool final)
    {
        char c = text[i];
        bool sentence = c is '.' or '!' or '?' or '…';
        bool clause = c is ',' or ';' or ':' or '—' or '–';
        if (!sentence && !clause) { return Boundary.None; }
        int end = EndOfMarks(text, i);
        if (end >= text.Length) { return final ? (sentence ? Boundary.Sentence : Boundary.None) : Boundary.NeedMore; }
        if (!char.IsWhiteSpace(text[end])) { return Boundary.None; }
        if (clause) { return c is '—' or '–' || i > 0 && !char.IsWhiteSpace(text[i - 1]) ? Boundary.Clause : Boundary.None; }
        bool ellipsis = end > i + 1 && text[i + 1] == '.';
        if (c == '.' && !ellipsis && IsAbbreviation(WordBefore(text, i))) { return Boundary.None; }
        // The next word decides: a sentence starts in upper case (or with a digit or a quote); '"Really?" you ask' goes on.
        int next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next])) { next++; }
        if (next >= text.Length) { return final ? Boundary.Sentence : Boundary.NeedMore; }
        return char.IsLower(text[next]) ? Boundary.None : Boundary.Sentence;
    }

    /// <summary>Past the mark at <paramref name="i"/>, further marks and closing quotes or brackets.</summary>
    private static int EndOfMarks(string text, int i)
    {
        int end = i + 1;
        while (end < text.Length && text[end] is '.' or '!' or '?' or '…' or '"' or '\'' or '”' or '’' or ')' or ']' or '»') { end++; }
        return end;
    }

    private static string WordBefore(string text, int dot)
    {
        int start = dot;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1])) { start--; }
        return text[start..dot].TrimStart('"', '\'', '“', '‘', '(', '[', '«').ToLowerInvariant();
    }

    private static bool IsAbbreviation(string word) =>
        Abbreviations.Contains(word)
        || word.Length == 1 && char.IsLetter(word[0])                       // an initial: "J. K. Rowling"
        || word.Contains('.', StringComparison.Ordinal) && word.Split('.').All(p => p.Length is 1 or 2 && p.All(char.IsLetter)); // "u.s.a", "e.g"
}
