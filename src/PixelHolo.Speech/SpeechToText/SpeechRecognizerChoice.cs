using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>The recogniser picked for this machine: a sherpa-onnx model, or pocketsphinx (<see cref="Model"/> null).</summary>
internal sealed record SpeechRecognizerChoice(string Engine, SherpaRecognizerModel? Model, string? Warning)
{
    public const string PocketSphinx = "pocketsphinx";

    /// <summary>Picks by <see cref="SpeechToTextOptions.Engine"/> and core count: Parakeet needs 4+ cores to be quick;
    /// Moonshine suits 2; Whisper tiny is the third choice; pocketsphinx is always there. A configured engine that is not
    /// installed falls back along the same order, and the warning says what was missing.</summary>
    /// <param name="runtimeMissing">Why the sherpa-onnx runtime cannot be used, or null.</param>
    public static SpeechRecognizerChoice Choose(SpeechToTextOptions options, string modelsDirectory, int cores, string? runtimeMissing)
    {
        ArgumentNullException.ThrowIfNull(options);
        string Folder(string configured, string folder) => configured is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(modelsDirectory, folder);
        SherpaRecognizerModel parakeet = SherpaRecognizerModel.Parakeet(Folder(options.ParakeetDirectory, SherpaRecognizerModel.ParakeetFolder));
        SherpaRecognizerModel moonshine = SherpaRecognizerModel.Moonshine(Folder(options.MoonshineDirectory, SherpaRecognizerModel.MoonshineFolder));
        SherpaRecognizerModel whisper = SherpaRecognizerModel.Whisper(Folder(options.WhisperDirectory, SherpaRecognizerModel.WhisperFolder));
        SherpaRecognizerModel[] order = cores >= 4 ? [parakeet, moonshine, whisper] : [moonshine, whisper, parakeet];
        string crude = PocketSphinxSpeechRecognizer.CrudeRecognitionWarning;

        string wanted = options.Engine.ToLowerInvariant();
        if (wanted == PocketSphinx) { return new SpeechRecognizerChoice(PocketSphinx, null, crude); }
        if (runtimeMissing is not null)
        {
            return new SpeechRecognizerChoice(PocketSphinx, null, $"{crude} ({runtimeMissing})");
        }
        string? why = null;
        if (wanted != "auto")
        {
            SherpaRecognizerModel configured = order.Single(m => m.Engine == wanted);
            if (configured.MissingReason is null) { return new SpeechRecognizerChoice(configured.Engine, configured, null); }
            why = $"SpeechToText:Engine is {wanted}, but {configured.MissingReason}";
        }
        foreach (SherpaRecognizerModel model in order)
        {
            if (model.MissingReason is not null) { continue; }
            string? warning = why is null ? null : $"{why} Using {model.Engine} instead.";
            if (why is null && model.Engine == "parakeet" && cores < 4)
            {
                warning = $"Parakeet is the only recogniser installed and this machine has {cores} cores (it wants 4+): recognition may lag. " +
                    "`pixelholo models pull stt` also fetches Moonshine, which suits 2 cores.";
            }
            return new SpeechRecognizerChoice(model.Engine, model, warning);
        }
        return new SpeechRecognizerChoice(PocketSphinx, null, why is null ? $"{crude} (no sherpa-onnx recogniser is installed)" : $"{crude} ({why})");
    }
}
