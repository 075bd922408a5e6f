using PixelHolo.Core.Paths;
using PixelHolo.Speech.Native;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>The recogniser this machine uses, chosen once at start (<see cref="SpeechRecognizerChoice.Choose"/>): a
/// sherpa-onnx model when one is installed, else pocketsphinx with its "crude recognition" warning, logged once and
/// exposed through <see cref="ISpeechRecognizerInfo"/>.</summary>
internal sealed partial class SelectedSpeechRecognizer : IStreamingSpeechRecognizer, ISpeechRecognizer, ISpeechRecognizerInfo, IDisposable
{
    private readonly IStreamingSpeechRecognizer _streaming;
    private readonly ISpeechRecognizer _whole;
    private readonly SherpaSpeechRecognizer? _sherpa;

    public SelectedSpeechRecognizer(
        IOptions<SpeechToTextOptions> options, IOptions<RuntimeOptions> runtime, SherpaLibrary library, PocketSphinxSpeechRecognizer pocketSphinx,
        ILogger<SelectedSpeechRecognizer> logger)
        : this(options, runtime, library, pocketSphinx, logger, Environment.ProcessorCount)
    {
    }

    public SelectedSpeechRecognizer(
        IOptions<SpeechToTextOptions> options, IOptions<RuntimeOptions> runtime, SherpaLibrary library, PocketSphinxSpeechRecognizer pocketSphinx,
        ILogger<SelectedSpeechRecognizer> logger, int cores)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(library);
        SpeechRecognizerChoice choice = SpeechRecognizerChoice.Choose(options.Value, runtime.Value.ModelsPath, cores, library.UnavailableReason);
        Engine = choice.Engine;
        Warning = choice.Warning;
        if (choice.Model is { } model)
        {
            _sherpa = new SherpaSpeechRecognizer(library, model, options.Value.PartialInterval, logger);
            _streaming = _sherpa;
            _whole = _sherpa;
        }
        else
        {
            _streaming = pocketSphinx;
            _whole = pocketSphinx;
        }
        if (Warning is { } warning) { LogFallback(logger, Engine, warning); } else { LogChosen(logger, Engine, cores); }
    }

    public string Engine { get; }

    public string? Warning { get; }

    public string Name => Engine;

    public IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(IAsyncEnumerable<AudioChunk> audio, CancellationToken cancellationToken = default) =>
        _streaming.RecognizeAsync(audio, cancellationToken);

    public Task<string> TranscribeAsync(AudioChunk audio, CancellationToken cancellationToken = default) =>
        _whole.TranscribeAsync(audio, cancellationToken);

    public void Dispose() => _sherpa?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech to text uses {Engine}: {Warning}")]
    private static partial void LogFallback(ILogger logger, string engine, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Speech to text uses {Engine} ({Cores} cores)")]
    private static partial void LogChosen(ILogger logger, string engine, int cores);
}
