using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>Speech to text with CMU PocketSphinx (Debian's pocketsphinx + pocketsphinx-en-us): offline, crude but real.</summary>
public sealed class SpeechToTextOptions
{
    public const string SectionName = "SpeechToText";

    /// <value>The PocketSphinx program. Default "pocketsphinx_continuous" (Debian 12's pocketsphinx 0.8 package).
    /// Env: PIXELHOLO_SpeechToText__Executable.</value>
    [Required]
    public string Executable { get; set; } = "pocketsphinx_continuous";

    /// <value>Folder of the acoustic model, language model and dictionary. Default "/usr/share/pocketsphinx/model/en-us"
    /// (Debian's pocketsphinx-en-us). Env: PIXELHOLO_SpeechToText__ModelDirectory.</value>
    [Required]
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <value>Longest one transcription may run before it is stopped. Default 2 min, 1 s to 30 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
