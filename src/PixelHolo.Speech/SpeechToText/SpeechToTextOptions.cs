using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>Speech to text: which engine, where the sherpa-onnx models are, and CMU PocketSphinx (Debian's pocketsphinx +
/// pocketsphinx-en-us), the crude but always-present fallback.</summary>
public sealed class SpeechToTextOptions
{
    public const string SectionName = "SpeechToText";

    /// <value>"auto" (default): Parakeet on 4+ cores, else Moonshine, else Whisper — the first whose files are present —
    /// else pocketsphinx with a "crude recognition" warning. Or one of "parakeet", "moonshine", "whisper", "pocketsphinx"
    /// (an absent one falls back the same way, with a warning saying why). Env: PIXELHOLO_SpeechToText__Engine.</value>
    [Required]
    [RegularExpression("^(auto|parakeet|moonshine|whisper|pocketsphinx)$", ErrorMessage = "SpeechToText:Engine must be auto, parakeet, moonshine, whisper or pocketsphinx.")]
    public string Engine { get; set; } = "auto";

    /// <value>Folder of the Parakeet-TDT 0.6B v2 int8 files. Default "" = "{Runtime:ModelsDirectory}/sherpa-onnx-nemo-parakeet-tdt-0.6b-v2-int8"
    /// (`pixelholo models pull stt`). Env: PIXELHOLO_SpeechToText__ParakeetDirectory.</value>
    public string ParakeetDirectory { get; set; } = "";

    /// <value>Folder of the Moonshine v2 tiny files. Default "" = "{Runtime:ModelsDirectory}/sherpa-onnx-moonshine-tiny-en-quantized-2026-02-27".
    /// Env: PIXELHOLO_SpeechToText__MoonshineDirectory.</value>
    public string MoonshineDirectory { get; set; } = "";

    /// <value>Folder of the Whisper tiny.en files. Default "" = "{Runtime:ModelsDirectory}/sherpa-onnx-whisper-tiny.en".
    /// Env: PIXELHOLO_SpeechToText__WhisperDirectory.</value>
    public string WhisperDirectory { get; set; } = "";

    /// <value>How much new audio between partial transcripts for engines that give them (Moonshine), 0.1 to 10 s; 0 turns
    /// partials off. Default 0.5 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan PartialInterval { get; set; } = TimeSpan.FromSeconds(0.5);

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
