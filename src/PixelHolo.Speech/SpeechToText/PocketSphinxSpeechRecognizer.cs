using System.Runtime.CompilerServices;
using PixelHolo.Core.Errors;
using PixelHolo.Processes;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.SpeechToText;

/// <summary>Speech to text with PocketSphinx run as a process on a temporary 16 kHz mono WAV. Debian 12 ships
/// pocketsphinx 0.8 ("5prealpha"), whose CLI is <c>pocketsphinx_continuous -infile FILE.wav -time yes</c>: it prints
/// one line of text per utterance on stdout, each followed by its word segments (<c>word start end confidence</c>, in
/// seconds from the file's start), and its log on stderr. On jfk.wav it gets "what your country can do for you" among
/// errors: good enough for key words and a working loop, not for a good conversation — the always-present fallback.</summary>
internal sealed partial class PocketSphinxSpeechRecognizer(
    IOptions<SpeechToTextOptions> options, ILogger<PocketSphinxSpeechRecognizer> logger, ToolRunner? tools = null)
    : ISpeechRecognizer, IStreamingSpeechRecognizer
{
    public const string InstallHint = "apt-get install pocketsphinx pocketsphinx-en-us";

    /// <summary>The warning shown wherever pocketsphinx is the recogniser in use.</summary>
    public const string CrudeRecognitionWarning =
        "Crude recognition: pocketsphinx (CMU Sphinx 0.8) mishears many words. Run `pixelholo models pull stt` for a neural recogniser.";

    private readonly SpeechToTextOptions _options = options.Value;
    private readonly ToolRunner _tools = tools ?? new ToolRunner();

    public string Name => "pocketsphinx";

    public async Task<string> TranscribeAsync(AudioChunk audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        AudioFormatException.ThrowIfNot(audio, sampleRateHz: 16_000, channels: 1);
        PocketSphinxOutput output = await RunAsync(audio, cancellationToken);
        return output.Text;
    }

    /// <summary>Collects the utterance, then yields one final update with word times in the stream's timeline (the first
    /// chunk's <see cref="AudioChunk.Start"/> plus pocketsphinx's offset).</summary>
    public async IAsyncEnumerable<TranscriptUpdate> RecognizeAsync(
        IAsyncEnumerable<AudioChunk> audio, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var samples = new List<float>();
        TimeSpan? start = null;
        await foreach (AudioChunk chunk in audio.WithCancellation(cancellationToken))
        {
            AudioFormatException.ThrowIfNot(chunk, sampleRateHz: 16_000, channels: 1);
            start ??= chunk.Start;
            samples.AddRange(chunk.Samples.Span);
        }
        var whole = new AudioChunk(samples.ToArray(), 16_000, 1, start ?? TimeSpan.Zero);
        PocketSphinxOutput output = await RunAsync(whole, cancellationToken);
        yield return new TranscriptUpdate(output.Text, IsFinal: true,
            [.. output.Words.Select(w => w with { Start = w.Start + whole.Start, End = w.End + whole.Start })]);
    }

    private async Task<PocketSphinxOutput> RunAsync(AudioChunk audio, CancellationToken cancellationToken)
    {
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
        if (audio.Samples.IsEmpty) { return new PocketSphinxOutput("", []); }

        string wav = Path.Combine(Path.GetTempPath(), $"pixelholo-stt-{Guid.NewGuid():N}.wav");
        try
        {
            await WavFile.WriteAsync(wav, audio with { Start = TimeSpan.Zero }, cancellationToken);
            string[] arguments =
            [
                "-infile", wav,
                "-hmm", acoustic,
                "-lm", language,
                "-dict", dictionary,
                "-time", "yes",
                "-logfn", "/dev/null", // the log is hundreds of lines; errors still reach the exit code
            ];
            var command = new ToolCommand(Name, _options.Executable, arguments)
            {
                Fix = $"Install it ({InstallHint}) or set SpeechToText:Executable.",
                Timeout = _options.Timeout,
                TimeoutSetting = "SpeechToText:Timeout",
            };
            ToolResult result = await _tools.RunAsync(command, cancellationToken);
            PocketSphinxOutput output = PocketSphinxOutput.Parse(result.StandardOutputText);
            LogTranscribed(logger, audio.Duration.TotalSeconds, output.Text.Length, output.Words.Count);
            LogTranscript(logger, output.Text);
            return output;
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pocketsphinx transcribed {Seconds:F1} s of audio into {Characters} characters, {Words} timed words")]
    private static partial void LogTranscribed(ILogger logger, double seconds, int characters, int words);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Transcript: {Transcript}")]
    private static partial void LogTranscript(ILogger logger, string transcript);
}
