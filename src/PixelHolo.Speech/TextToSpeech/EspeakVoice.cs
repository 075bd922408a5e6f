using System.Globalization;
using System.Security;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>How espeak-ng is asked to speak: its voice (with an optional variant, "en-us+f3"), rate, base pitch
/// (<c>-p</c>, 0-99) and, when set, an SSML prosody pitch and range in percent of the voice's own (espeak-ng reads
/// <c>&lt;prosody pitch="+40%" range="80%"&gt;</c>). The stock voice uses none of the prosody.</summary>
internal sealed record EspeakVoice(string Name, int WordsPerMinute, int Pitch = 50, int? PitchPercent = null, int? RangePercent = null)
{
    public static EspeakVoice Stock(TtsOptions options) => new(options.Voice, options.WordsPerMinute);

    public bool UsesMarkup => PitchPercent is not null || RangePercent is not null;

    /// <summary>The text as espeak-ng reads it on stdin: plain, or escaped inside SSML prosody.</summary>
    public string Markup(string text)
    {
        if (!UsesMarkup) { return text; }
        var attributes = new List<string>();
        if (PitchPercent is int pitch) { attributes.Add(string.Create(CultureInfo.InvariantCulture, $"pitch=\"{pitch:+0;-0;+0}%\"")); }
        if (RangePercent is int range) { attributes.Add(string.Create(CultureInfo.InvariantCulture, $"range=\"{range}%\"")); }
        return $"<speak><prosody {string.Join(' ', attributes)}>{SecurityElement.Escape(text)}</prosody></speak>";
    }
}
