using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Kyutai Pocket TTS (code MIT, weights CC-BY-4.0 — attribution "Pocket TTS by Kyutai") through sherpa-onnx:
/// zero-shot cloning from the profile's 24 kHz voice reference.</summary>
public sealed class PocketTtsOptions
{
    public const string SectionName = "PocketTts";

    /// <value>Folder of the Pocket TTS files. Default "" = "{Runtime:ModelsDirectory}/sherpa-onnx-pocket-tts-int8-2026-01-26"
    /// (`pixelholo models pull tts`). Env: PIXELHOLO_PocketTts__Directory.</value>
    public string Directory { get; set; } = "";

    /// <value>Sampling temperature of the flow's noise, 0.1 to 2. Default 0.7 (Kyutai's).</value>
    [Range(0.1, 2.0)]
    public double Temperature { get; set; } = 0.7;

    /// <value>Longest stretch of the reference the voice is conditioned on, 3 to 30 s. Default 10 s (sherpa-onnx's).</value>
    [Range(typeof(TimeSpan), "00:00:03", "00:00:30")]
    public TimeSpan MaxReference { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>Random seed for repeatable output; null = a fresh one each time. Default null.</value>
    public int? Seed { get; set; }
}
