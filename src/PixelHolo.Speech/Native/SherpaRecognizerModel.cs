namespace PixelHolo.Speech.Native;

/// <summary>How sherpa-onnx runs a recogniser model.</summary>
internal enum SherpaRecognizerKind
{
    /// <summary>NeMo TDT/RNN-T transducer (Parakeet): encoder, decoder, joiner, tokens; token times and durations.</summary>
    NemoTransducer,

    /// <summary>Moonshine v2: encoder and merged decoder (.ort), tokens; no times.</summary>
    Moonshine,

    /// <summary>Whisper: encoder, decoder, tokens; English, no times.</summary>
    Whisper,
}

/// <summary>One recogniser model on disk: its files in the order <see cref="SherpaOfflineRecognizer"/> expects them for
/// <see cref="Kind"/>, the setting that points at <see cref="Folder"/>, and the command that fetches it.</summary>
internal sealed record SherpaRecognizerModel(string Engine, SherpaRecognizerKind Kind, string Folder, IReadOnlyList<string> Files, string Setting, string PullCommand)
{
    public const string ParakeetFolder = "sherpa-onnx-nemo-parakeet-tdt-0.6b-v2-int8";
    public const string MoonshineFolder = "sherpa-onnx-moonshine-tiny-en-quantized-2026-02-27";
    public const string WhisperFolder = "sherpa-onnx-whisper-tiny.en";
    private const string Pull = "pixelholo models pull stt";

    public string PathOf(int index) => Path.Combine(Folder, Files[index]);

    public IEnumerable<string> Paths => Files.Select(f => Path.Combine(Folder, f));

    public static SherpaRecognizerModel Parakeet(string folder) => new("parakeet", SherpaRecognizerKind.NemoTransducer, folder,
        ["encoder.int8.onnx", "decoder.int8.onnx", "joiner.int8.onnx", "tokens.txt"], "SpeechToText:ParakeetDirectory", Pull);

    public static SherpaRecognizerModel Moonshine(string folder) => new("moonshine", SherpaRecognizerKind.Moonshine, folder,
        ["encoder_model.ort", "decoder_model_merged.ort", "tokens.txt"], "SpeechToText:MoonshineDirectory", Pull);

    public static SherpaRecognizerModel Whisper(string folder) => new("whisper", SherpaRecognizerKind.Whisper, folder,
        ["tiny.en-encoder.int8.onnx", "tiny.en-decoder.int8.onnx", "tiny.en-tokens.txt"], "SpeechToText:WhisperDirectory", Pull);

    /// <summary>Null when every file is present; otherwise the first missing one, its setting and the pull command.</summary>
    public string? MissingReason => Paths.FirstOrDefault(p => !File.Exists(p)) is { } missing
        ? $"The {Engine} recogniser's '{Path.GetFileName(missing)}' is missing from {Folder} (setting {Setting}). Run `{PullCommand}`."
        : null;
}
