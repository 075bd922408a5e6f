using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PixelHolo.Speech.TextNormalization;

/// <summary>Turns an answer's text into what a speech engine should read (English): markdown, code, URLs, HTML and emoji
/// dropped; dates, times, currencies, percentages, units, ordinals, decades, years and numbers written as words; common
/// abbreviations expanded. Letters of every script are kept as they are (accents included: "Zoë", "Ångström").</summary>
internal static partial class TextForSpeech
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly Dictionary<string, (string One, string Many)> Units = new(StringComparer.Ordinal)
    {
        ["km/h"] = ("kilometer per hour", "kilometers per hour"), ["mph"] = ("mile per hour", "miles per hour"),
        ["km"] = ("kilometer", "kilometers"), ["cm"] = ("centimeter", "centimeters"), ["mm"] = ("millimeter", "millimeters"),
        ["m"] = ("meter", "meters"), ["mi"] = ("mile", "miles"), ["ft"] = ("foot", "feet"), ["in"] = ("inch", "inches"),
        ["kg"] = ("kilogram", "kilograms"), ["g"] = ("gram", "grams"), ["mg"] = ("milligram", "milligrams"),
        ["lb"] = ("pound", "pounds"), ["lbs"] = ("pounds", "pounds"), ["oz"] = ("ounce", "ounces"),
        ["l"] = ("liter", "liters"), ["L"] = ("liter", "liters"), ["ml"] = ("milliliter", "milliliters"), ["mL"] = ("milliliter", "milliliters"),
        ["°C"] = ("degree Celsius", "degrees Celsius"), ["°F"] = ("degree Fahrenheit", "degrees Fahrenheit"), ["°"] = ("degree", "degrees"),
        ["kWh"] = ("kilowatt hour", "kilowatt hours"), ["kW"] = ("kilowatt", "kilowatts"), ["W"] = ("watt", "watts"),
        ["V"] = ("volt", "volts"), ["Hz"] = ("hertz", "hertz"), ["kHz"] = ("kilohertz", "kilohertz"),
        ["MHz"] = ("megahertz", "megahertz"), ["GHz"] = ("gigahertz", "gigahertz"),
        ["KB"] = ("kilobyte", "kilobytes"), ["MB"] = ("megabyte", "megabytes"), ["GB"] = ("gigabyte", "gigabytes"), ["TB"] = ("terabyte", "terabytes"),
        ["ms"] = ("millisecond", "milliseconds"), ["s"] = ("second", "seconds"), ["sec"] = ("second", "seconds"),
        ["min"] = ("minute", "minutes"), ["h"] = ("hour", "hours"), ["hr"] = ("hour", "hours"), ["hrs"] = ("hours", "hours"),
    };

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["Dr."] = "Doctor", ["Mr."] = "Mister", ["Mrs."] = "Missus", ["Ms."] = "Miz", ["Prof."] = "Professor",
        ["St."] = "Saint", ["Mt."] = "Mount", ["Jr."] = "Junior", ["Sr."] = "Senior", ["vs."] = "versus", ["vs"] = "versus",
        ["etc."] = "et cetera", ["approx."] = "approximately", ["e.g."] = "for example", ["i.e."] = "that is",
        ["No."] = "number", ["Inc."] = "Incorporated", ["Ltd."] = "Limited", ["Co."] = "Company", ["Ave."] = "Avenue",
    };

    private static readonly Dictionary<char, (string One, string Many, string Cents)> Currencies = new()
    {
        ['$'] = ("dollar", "dollars", "cents"), ['€'] = ("euro", "euros", "cents"), ['£'] = ("pound", "pounds", "pence"),
        ['¥'] = ("yen", "yen", ""), ['₹'] = ("rupee", "rupees", "paise"),
    };

    /// <summary>The text as it should be spoken.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Normalize(NormalizationForm.FormC);
        s = CodeBlock().Replace(s, " ");
        s = MarkdownImage().Replace(s, "$1");
        s = MarkdownLink().Replace(s, "$1");
        s = HtmlTag().Replace(s, " ");
        s = Url().Replace(s, " ");
        s = Email().Replace(s, " ");
        s = TableRule().Replace(s, " ");
        s = TableRow().Replace(s, m => string.Join(", ", m.Groups[1].Value.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0)) + ".");
        s = LineMarkup().Replace(s, "");
        s = Emphasis().Replace(s, "$2");
        s = Abbreviation().Replace(s, m => Abbreviations[m.Value]);
        s = s.Replace('|', ',').Replace('`', ' ');
        s = IsoDate().Replace(s, m => DateWords(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), m.Groups[1].Value));
        s = MonthDay().Replace(s, m => $"{MonthName(m.Groups[1].Value)} {NumberWords.Ordinal(long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))}" +
            (m.Groups[3].Success ? ", " + NumberWords.Year(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)) : ""));
        s = DayMonth().Replace(s, m => $"the {NumberWords.Ordinal(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))} of {MonthName(m.Groups[2].Value)}" +
            (m.Groups[3].Success ? " " + NumberWords.Year(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)) : ""));
        s = Time().Replace(s, TimeWords);
        s = HourAmPm().Replace(s, m => NumberWords.Cardinal(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) +
            (char.ToLowerInvariant(m.Groups[2].Value[0]) == 'a' ? " a m" : " p m"));
        s = Money().Replace(s, MoneyWords);
        s = Percent().Replace(s, m => NumberWords.Decimal(m.Groups[1].Value) + " percent");
        s = Decade().Replace(s, m => DecadeWords(m.Groups[1].Value));
        s = ShortDecade().Replace(s, m => Plural(NumberWords.Cardinal((m.Groups[1].Value[0] - '0') * 10))); // "the 80s": "the eighties"
        s = Unit().Replace(s, UnitWords);
        s = OrdinalNumber().Replace(s, m => NumberWords.Ordinal(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        s = YearInContext().Replace(s, m => m.Groups[1].Value + " " + NumberWords.Year(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        s = NumberRange().Replace(s, m => NumberWords.Decimal(m.Groups[1].Value) + " to " + NumberWords.Decimal(m.Groups[2].Value));
        s = Number().Replace(s, m => NumberWords.Decimal(m.Value));
        s = s.Replace("&", " and ", StringComparison.Ordinal);
        s = DropSymbols(s);
        s = Spaces().Replace(s, " ");
        s = SpaceBeforePunctuation().Replace(s, "$1");
        return s.Trim();
    }

    private static string DateWords(int month, int day, string year) =>
        month is >= 1 and <= 12 && day is >= 1 and <= 31
            ? $"{Months[month - 1]} {NumberWords.Ordinal(day)}, {NumberWords.Year(int.Parse(year, CultureInfo.InvariantCulture))}"
            : $"{year} {month} {day}";

    private static string MonthName(string text) =>
        Months.First(m => m.StartsWith(text.TrimEnd('.')[..3], StringComparison.OrdinalIgnoreCase));

    private static string TimeWords(Match m)
    {
        int hour = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int minute = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        string suffix = m.Groups[3].Success ? (char.ToLowerInvariant(m.Groups[3].Value[0]) == 'a' ? " a m" : " p m") : "";
        string minutes = minute == 0 ? (suffix.Length > 0 ? "" : " o'clock") : minute < 10 ? " oh " + NumberWords.Cardinal(minute) : " " + NumberWords.Cardinal(minute);
        return NumberWords.Cardinal(hour) + minutes + suffix;
    }

    private static string MoneyWords(Match m)
    {
        (string one, string many, string centsName) = Currencies[m.Groups[1].Value[0]];
        string amount = m.Groups[2].Value.Replace(",", "", StringComparison.Ordinal);
        if (m.Groups[3].Success) { return $"{NumberWords.Decimal(amount)} {m.Groups[3].Value.ToLowerInvariant()} {many}"; }
        string[] parts = amount.Split('.');
        long whole = long.Parse(parts[0].Length == 0 ? "0" : parts[0], CultureInfo.InvariantCulture);
        string words = $"{NumberWords.Cardinal(whole)} {(whole == 1 ? one : many)}";
        if (parts.Length > 1 && parts[1].Length > 0 && centsName.Length > 0)
        {
            long cents = long.Parse(parts[1].PadRight(2, '0')[..2], CultureInfo.InvariantCulture);
            if (cents > 0) { words += $" and {NumberWords.Cardinal(cents)} {(cents == 1 && centsName == "cents" ? "cent" : centsName)}"; }
        }
        return words;
    }

    private static string DecadeWords(string decade) => Plural(NumberWords.Year(int.Parse(decade, CultureInfo.InvariantCulture)));

    private static string Plural(string words) => words.EndsWith('y') ? words[..^1] + "ies" : words + "s";

    private static string UnitWords(Match m)
    {
        (string one, string many) = Units[m.Groups[2].Value];
        string number = m.Groups[1].Value;
        bool singular = number is "1" or "-1";
        return $"{NumberWords.Decimal(number)} {(singular ? one : many)}";
    }

    /// <summary>Emoji, pictographs, arrows and stray markup characters go; letters, digits, punctuation and spaces stay.</summary>
    private static string DropSymbols(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (Rune rune in s.EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool symbol = category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.Format or UnicodeCategory.EnclosingMark;
            bool mark = category is UnicodeCategory.NonSpacingMark && !IsCombiningAccent(rune); // emoji variation selectors
            bool markup = rune.Value is '*' or '#' or '_' or '~' or '^' or '<' or '>' or '=' or '\\' or '[' or ']' or '{' or '}';
            bool drop = symbol || mark || markup;
            if (!drop) { builder.Append(rune.ToString()); }
            else if (category is not UnicodeCategory.Format and not UnicodeCategory.NonSpacingMark) { builder.Append(' '); }
        }
        return builder.ToString();
    }

    // Combining accents on letters survive NFC only where no precomposed letter exists; keep them (not emoji's U+20E3 etc.).
    private static bool IsCombiningAccent(Rune rune) => rune.Value is >= 0x0300 and <= 0x036F;

    [GeneratedRegex(@"```.*?(```|$)", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"\b(?:https?://|ftp://|www\.)[^\s)\]>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^[ \t]*\|(.*)\|[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^[ \t]*(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", RegexOptions.Multiline)]
    private static partial Regex LineMarkup();

    [GeneratedRegex(@"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\b(\d{4})-(\d{2})-(\d{2})\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?(January|February|March|April|May|June|July|August|September|October|November|December)\b(?: (\d{4})\b)?")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:\s*([AaPp])\.?[Mm](?:\.(?=\s+[a-z]))?(?![A-Za-z]))?")]
    private static partial Regex Time();

    [GeneratedRegex(@"([$€£¥₹])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion)\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex Money();

    [GeneratedRegex(@"(-?\d[\d,]*(?:\.\d+)?)\s?%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b(1[1-9]\d0|20\d0)s\b")]
    private static partial Regex Decade();

    [GeneratedRegex(@"(?<![\w'’])['’]?([2-9])0s\b")]
    private static partial Regex ShortDecade();

    [GeneratedRegex(@"\b(1[0-2]|0?[1-9])\s?([AaPp])\.?[Mm](?:\.(?=\s+[a-z]))?(?![A-Za-z])")]
    private static partial Regex HourAmPm();

    [GeneratedRegex(@"(?<![\w.])(-?\d[\d,]*(?:\.\d+)?)\s?(km/h|mph|kWh|kHz|MHz|GHz|°C|°F|km|cm|mm|mi|ft|kg|mg|lbs|lb|oz|ml|mL|kW|Hz|KB|MB|GB|TB|ms|sec|min|hrs|hr|m|g|l|L|W|V|s|h|°)(?![\w°])")]
    private static partial Regex Unit();

    [GeneratedRegex(@"\b(\d+)(?:st|nd|rd|th)\b")]
    private static partial Regex OrdinalNumber();

    [GeneratedRegex(@"\b(in|In|since|Since|by|from|From|until|till|of|year|before|Before|after|After|around|circa|during|During)\s+(1[1-9]\d\d|20\d\d)\b")]
    private static partial Regex YearInContext();

    [GeneratedRegex(@"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?[-–]\s?(\d[\d,]*(?:\.\d+)?)(?![\w.])")]
    private static partial Regex NumberRange();

    [GeneratedRegex(@"(?<![\w.])(?:(?<=^|\s)-)?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])(?:(?<=^|\s)-)?\d+(?:\.\d+)?(?!\w)")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<!\w)(?:Dr\.|Mr\.|Mrs\.|Ms\.|Prof\.|St\.|Mt\.|Jr\.|Sr\.|vs\.?|etc\.|approx\.|e\.g\.|i\.e\.|No\.(?=\s*\d)|Inc\.|Ltd\.|Co\.|Ave\.)(?!\w)")]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
