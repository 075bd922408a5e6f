using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Speech synthesis: which engine speaks, and espeak-ng's settings (the stock and matched voices use it).</summary>
public sealed class TtsOptions
{
    public const string SectionName = "Tts";

    /// <value>Engine tried first: "auto" (Pocket if its model is present, then the Chatterbox server if configured and
    /// reachable, then the matched voice, then stock espeak-ng), or one of "pocket", "chatterbox", "matched", "espeak-ng"
    /// (tried first, then the same chain). Default "auto". Env: PIXELHOLO_Tts__Engine.</value>
    [Required]
    [RegularExpression("^(auto|pocket|chatterbox|matched|espeak-ng)$", ErrorMessage = "Tts:Engine must be auto, pocket, chatterbox, matched or espeak-ng.")]
    public string Engine { get; set; } = "auto";

    /// <value>espeak-ng voice (its -v option), e.g. "en-us", "en-gb", "de", "fr". Default "en-us". Env: PIXELHOLO_Tts__Voice.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_+\\-/]{1,64}$", ErrorMessage = "Tts:Voice must be an espeak-ng voice name such as en-us or en-us+f3.")]
    public string Voice { get; set; } = "en-us";

    /// <value>Speaking rate in words per minute (its -s option). Default 175, 80 to 450. Env: PIXELHOLO_Tts__WordsPerMinute.</value>
    [Range(80, 450)]
    public int WordsPerMinute { get; set; } = 175;

    /// <value>The espeak-ng program. Default "espeak-ng" (found on PATH). Env: PIXELHOLO_Tts__Executable.</value>
    [Required]
    public string Executable { get; set; } = "espeak-ng";

    /// <value>Longest one synthesis may run before it is stopped. Default 60 s, 1 s to 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
