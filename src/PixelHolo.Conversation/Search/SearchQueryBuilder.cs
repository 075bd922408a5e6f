using System.Text.RegularExpressions;

namespace PixelHolo.Conversation.Search;

/// <summary>Rule-based query builder. Filler lists are the ones the dataset's speech style uses (data/intent/generate.py).</summary>
internal sealed partial class SearchQueryBuilder : ISearchQueryBuilder
{
    // Longest phrases first, so "hey can you tell me" is removed whole rather than leaving "can you tell me".
    private static readonly string[] LeadingFiller =
    [
        "can you tell me", "could you tell me", "can you check", "can you look up", "could you look up", "can you find out",
        "can you search for", "can you search", "search the web for", "search for", "look up", "google", "find out",
        "do you know", "would you know", "i was wondering", "i want to know", "i'd like to know", "id like to know",
        "i need to know", "please tell me", "tell me", "any idea", "quick question", "excuse me", "hey there",
        "ok so", "okay so", "um", "uh", "erm", "er", "hmm", "hey", "hi", "hiya", "hello", "so", "okay", "ok", "well",
        "right", "sorry", "please", "and also", "also",
    ];

    private static readonly string[] TrailingFiller =
    [
        "if you know", "by any chance", "do you know", "thank you", "thanks", "please", "for me", "mate", "love", "pal",
    ];

    private static readonly string[] TimeWords =
    [
        "today", "tomorrow", "tonight", "yesterday", "this weekend", "the weekend", "at the weekend", "this week",
        "next week", "this afternoon", "this evening", "this morning", "later today", "later", "right now", "now",
        "the day after", "the day after tomorrow", "on monday", "on tuesday", "on wednesday", "on thursday", "on friday",
        "on saturday", "on sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "last night", "in the morning",
    ];

    public string Build(string utterance, string? previousQuery)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        string query = StripFiller(Normalize(utterance));
        if (previousQuery is { Length: > 0 } && FollowUp().Match(query) is { Success: true } follow)
        {
            string rest = follow.Groups["rest"].Value.Trim();
            if (rest.Length > 0 && rest.Split(' ').Length <= 4)
            {
                return Complete(Normalize(previousQuery), rest);
            }
        }
        return query.Length > 0 ? query : Normalize(utterance);
    }

    /// <summary>Lower case, punctuation except apostrophes removed, spaces collapsed.</summary>
    internal static string Normalize(string text)
    {
        string lower = text.ToLowerInvariant().Replace('’', '\'');
        return Spaces().Replace(Punctuation().Replace(lower, " "), " ").Trim();
    }

    private static string StripFiller(string query)
    {
        bool changed = true;
        while (changed && query.Length > 0)
        {
            changed = false;
            foreach (string filler in LeadingFiller)
            {
                if (query == filler) { return ""; }
                if (query.StartsWith(filler + " ", StringComparison.Ordinal)) { query = query[(filler.Length + 1)..]; changed = true; break; }
            }
            foreach (string filler in TrailingFiller)
            {
                if (query.EndsWith(" " + filler, StringComparison.Ordinal)) { query = query[..^(filler.Length + 1)]; changed = true; break; }
            }
        }
        return query;
    }

    /// <summary>"weather in glasgow today" + "tomorrow" → "weather in glasgow tomorrow";
    /// + "in edinburgh" → "weather in edinburgh today"; otherwise the new words are appended.</summary>
    private static string Complete(string previous, string rest)
    {
        if (Array.IndexOf(TimeWords, rest) >= 0)
        {
            foreach (string time in TimeWords.OrderByDescending(t => t.Length))
            {
                string padded = " " + time;
                if (previous.EndsWith(padded, StringComparison.Ordinal)) { return previous[..^padded.Length] + " " + rest; }
                int at = previous.IndexOf(padded + " ", StringComparison.Ordinal);
                if (at >= 0) { return previous[..at] + " " + rest + previous[(at + padded.Length)..]; }
            }
            return previous + " " + rest;
        }
        if (rest.StartsWith("in ", StringComparison.Ordinal) && PlaceAfterIn().Match(previous) is { Success: true } place)
        {
            return previous[..place.Index] + " " + rest + previous[(place.Index + place.Length)..];
        }
        return previous + " " + rest;
    }

    [GeneratedRegex(@"^(?:and|but|what about|how about|what's it like|and what about|and how about)\b(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FollowUp();

    // "in glasgow", "in new york" up to the next time word or the end.
    [GeneratedRegex(@" in (?:[a-z']+)(?: (?!today|tomorrow|tonight|now|this|next|on|at|later)[a-z']+)?(?= |$)", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceAfterIn();

    [GeneratedRegex(@"[^\p{L}\p{N}' ]+", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
