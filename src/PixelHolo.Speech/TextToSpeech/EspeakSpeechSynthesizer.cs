using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PixelHolo.Core.Errors;
using PixelHolo.Processes;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Text to speech with espeak-ng run as a separate process (GPL-3.0, not linked). The text goes in on stdin as
/// UTF-8 (so accented names survive and text starting with '-' is never read as an option); WAV comes back on stdout,
/// and the streaming face hands each block on as espeak-ng writes it. Robotic but real: every result carries a warning
/// that this is a stock voice, not the person's.</summary>
internal sealed partial class EspeakSpeechSynthesizer(IOptions<TtsOptions> options, ILogger<EspeakSpeechSynthesizer> logger, ToolRunner? tools = null)
    : ISpeechSynthesizer, ITtsEngine
{
    public const string InstallHint = "apt-get install espeak-ng";

    private readonly TtsOptions _options = options.Value;
    private readonly ToolRunner _tools = tools ?? new ToolRunner();

    public string Name => "espeak-ng";

    public string Licence => "espeak-ng: GPL-3.0-or-later, run as a separate process (not linked)";

    public bool ClonesVoice => false;

    /// <summary>Always offered: a missing espeak-ng is reported when it is started, with how to install it.</summary>
    public Task<string?> UnavailableReasonAsync(VoiceReference? voice, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Test hook: called with the process id when espeak-ng starts.</summary>
    internal Action<int>? ProcessStarted { get; set; }

    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("There is no text to speak.", nameof(text)); }
        EspeakVoice stock = EspeakVoice.Stock(_options);
        ToolResult result = await _tools.RunAsync(Command(stock), Encoding.UTF8.GetBytes(stock.Markup(text)), ProcessStarted, cancellationToken);
        if (result.StandardOutput.Length <= 44)
        {
            throw new MediaToolException(Name,
                $"espeak-ng produced no audio for the voice '{_options.Voice}' ({result.StandardErrorTail.Trim()}). " +
                "Check Tts:Voice against `espeak-ng --voices`.");
        }
        AudioChunk audio = WavFile.Parse(result.StandardOutput, "espeak-ng output");
        LogSynthesized(logger, text.Length, audio.Duration.TotalSeconds);
        return new SynthesizedSpeech(audio, Name, StockWarning(voice));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        IAsyncEnumerable<string> textChunks, VoiceReference? voice, CancellationToken cancellationToken = default) =>
        SpeechChunkStream.ChunksAsync(textChunks, (text, ct) => SpeakAsync(text, EspeakVoice.Stock(_options), ct), Name, StockWarning(voice), cancellationToken);

    /// <summary>Speaks one text chunk with <paramref name="voice"/>, yielding mono 22.05 kHz blocks as espeak-ng writes
    /// them. Leaving the loop or cancelling kills espeak-ng mid-sentence.</summary>
    internal async IAsyncEnumerable<AudioChunk> SpeakAsync(
        string text, EspeakVoice voice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = new WavStreamDecoder("espeak-ng output");
        double seconds = 0;
        await foreach (ReadOnlyMemory<byte> bytes in _tools.StreamAsync(Command(voice), Encoding.UTF8.GetBytes(voice.Markup(text)), ProcessStarted, cancellationToken))
        {
            float[] samples = decoder.Decode(bytes.Span);
            if (samples.Length == 0) { continue; }
            samples = SpeechChunkStream.ToMono(samples, decoder.Channels);
            seconds += samples.Length / (double)decoder.SampleRateHz;
            yield return new AudioChunk(samples, decoder.SampleRateHz, 1, TimeSpan.Zero);
        }
        if (!decoder.HasHeader)
        {
            throw new MediaToolException(Name,
                $"espeak-ng produced no audio for the voice '{voice.Name}'. Check Tts:Voice against `espeak-ng --voices`.");
        }
        LogSynthesized(logger, text.Length, seconds);
    }

    internal static string StockWarning(VoiceReference? voice) => voice is null
        ? "Spoken with espeak-ng's stock voice: no voice-cloning engine is installed."
        : "Spoken with espeak-ng's stock voice, not the person's cloned voice: espeak-ng cannot clone. Install a voice-cloning model (`pixelholo models pull tts`) for the person's own voice.";

    private ToolCommand Command(EspeakVoice voice) => new(Name, _options.Executable, Arguments(voice))
    {
        Fix = $"Install it ({InstallHint}) or set Tts:Executable.",
        Timeout = _options.Timeout,
        TimeoutSetting = "Tts:Timeout",
    };

    private static string[] Arguments(EspeakVoice voice)
    {
        var arguments = new List<string>
        {
            "-v", voice.Name,
            "-s", voice.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "-p", voice.Pitch.ToString(CultureInfo.InvariantCulture),
            "-b", "1",      // input is UTF-8, whatever the process locale says
            "--stdin",      // read all of stdin at once, not line by line
            "--stdout",     // WAV on stdout
        };
        if (voice.UsesMarkup) { arguments.Add("-m"); } // SSML prosody for pitch and range
        return [.. arguments];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "espeak-ng spoke {Characters} characters as {Seconds:F2} s of audio")]
    private static partial void LogSynthesized(ILogger logger, int characters, double seconds);
}
