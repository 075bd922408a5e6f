using System.Globalization;

namespace PixelHolo.Speech.TextNormalization;

/// <summary>English number words: cardinals, ordinals, years, digit strings.</summary>
internal static class NumberWords
{
    private static readonly string[] Ones =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales =
        [(1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];

    /// <summary>"1234" → "one thousand two hundred thirty-four".</summary>
    public static string Cardinal(long value)
    {
        if (value < 0) { return "minus " + Cardinal(-value); }
        if (value < 20) { return Ones[value]; }
        if (value < 100) { return Tens[value / 10] + (value % 10 == 0 ? "" : "-" + Ones[value % 10]); }
        if (value < 1000) { return Ones[value / 100] + " hundred" + (value % 100 == 0 ? "" : " " + Cardinal(value % 100)); }
        foreach ((long scale, string name) in Scales)
        {
            if (value >= scale)
            {
                return Cardinal(value / scale) + " " + name + (value % scale == 0 ? "" : " " + Cardinal(value % scale));
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, "Unreachable: every value ≥ 1000 has a scale.");
    }

    /// <summary>"21" → "twenty-first".</summary>
    public static string Ordinal(long value)
    {
        string words = Cardinal(value);
        int split = Math.Max(words.LastIndexOf(' '), words.LastIndexOf('-')) + 1;
        string last = words[split..];
        string ordinal = last switch
        {
            "one" => "first",
            "two" => "second",
            "three" => "third",
            "five" => "fifth",
            "eight" => "eighth",
            "nine" => "ninth",
            "twelve" => "twelfth",
            _ when last.EndsWith('y') => last[..^1] + "ieth",
            _ => last + "th",
        };
        return words[..split] + ordinal;
    }

    /// <summary>Years as people say them: 1984 → "nineteen eighty-four", 2005 → "two thousand five", 2026 → "twenty
    /// twenty-six", 1900 → "nineteen hundred".</summary>
    public static string Year(int year)
    {
        if (year is >= 2000 and < 2010) { return Cardinal(year); }
        if (year < 1000 || year > 9999) { return Cardinal(year); }
        int high = year / 100, low = year % 100;
        if (low == 0) { return Cardinal(high) + " hundred"; }
        return Cardinal(high) + " " + (low < 10 ? "oh " + Ones[low] : Cardinal(low));
    }

    /// <summary>Each digit as a word: "05" → "zero five".</summary>
    public static string Digits(string digits) =>
        string.Join(' ', digits.Where(char.IsAsciiDigit).Select(d => Ones[d - '0']));

    /// <summary>A decimal as read aloud: "3.14" → "three point one four", "1,250" → "one thousand two hundred fifty".</summary>
    public static string Decimal(string text)
    {
        string plain = text.Replace(",", "", StringComparison.Ordinal);
        bool negative = plain.StartsWith('-');
        if (negative) { plain = plain[1..]; }
        string[] parts = plain.Split('.');
        string whole = parts[0].Length == 0 ? "zero"
            : parts[0].Length > 15 ? Digits(parts[0])
            : Cardinal(long.Parse(parts[0], CultureInfo.InvariantCulture));
        string words = parts.Length > 1 && parts[1].Length > 0 ? whole + " point " + Digits(parts[1]) : whole;
        return negative ? "minus " + words : words;
    }
}
