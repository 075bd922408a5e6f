using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Processes;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>Speech to text with PocketSphinx run as a process on a temporary 16 kHz mono WAV. Debian 12 ships
/// pocketsphinx 0.8 ("5prealpha"), whose CLI is <c>pocketsphinx_continuous -infile FILE.wav</c>: it prints one line of
/// text per utterance on stdout and its log on stderr. On jfk.wav it gets "what your country can do for you" among
/// errors: good enough for key words and a working loop, not for a good conversation.</summary>
internal sealed partial class PocketSphinxSpeechRecognizer(
    IOptions<SpeechToTextOptions> options, ILogger<PocketSphinxSpeechRecognizer> logger, ToolRunner? tools = null) : ISpeechRecognizer
{
    public const string InstallHint = "apt-get install pocketsphinx pocketsphinx-en-us";

    private readonly SpeechToTextOptions _options = options.Value;
    private readonly ToolRunner _tools = tools ?? new ToolRunner();

    public string Name => "pocketsphinx";

    public async Task<string> TranscribeAsync(AudioChunk audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        AudioFormatException.ThrowIfNot(audio, sampleRateHz: 16_000, channels: 1);
        string model = _options.ModelDirectory;
        string acoustic = Path.Combine(model, "en-us");
        string language = Path.Combine(model, "en-us.lm.bin");
        string dictionary = Path.Combine(model, "cmudict-en-us.dict");
        string[] missing = [.. new[] { acoustic, language, dictionary }.Where(p => !File.Exists(p) && !Directory.Exists(p))];
        if (missing.Length > 0)
        {
            throw new ServiceUnavailableException(Name,
                $"The PocketSphinx English model is incomplete: {string.Join(", ", missing)} not found (setting SpeechToText:ModelDirectory = {model}). " +
                $"Install it: {InstallHint}");
        }
        if (audio.Samples.IsEmpty) { return ""; }

        string wav = Path.Combine(Path.GetTempPath(), $"pixelholo-stt-{Guid.NewGuid():N}.wav");
        try
        {
            await WavFile.WriteAsync(wav, audio, cancellationToken);
            string[] arguments =
            [
                "-infile", wav,
                "-hmm", acoustic,
                "-lm", language,
                "-dict", dictionary,
                "-logfn", "/dev/null", // the log is hundreds of lines; errors still reach the exit code
            ];
            var command = new ToolCommand(Name, _options.Executable, arguments)
            {
                Fix = $"Install it ({InstallHint}) or set SpeechToText:Executable.",
                Timeout = _options.Timeout,
                TimeoutSetting = "SpeechToText:Timeout",
            };
            ToolResult result = await _tools.RunAsync(command, cancellationToken);
            string text = string.Join(' ', result.StandardOutputText
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            LogTranscribed(logger, audio.Duration.TotalSeconds, text.Length);
            LogTranscript(logger, text);
            return text;
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pocketsphinx transcribed {Seconds:F1} s of audio into {Characters} characters")]
    private static partial void LogTranscribed(ILogger logger, double seconds, int characters);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Transcript: {Transcript}")]
    private static partial void LogTranscript(ILogger logger, string transcript);
}
