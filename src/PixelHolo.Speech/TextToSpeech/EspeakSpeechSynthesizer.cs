using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Speech;
using PixelHolo.Processes;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Speech.TextToSpeech;

/// <summary>Text to speech with espeak-ng run as a separate process (GPL-3.0, not linked). The text goes in on stdin as
/// UTF-8 (so accented names survive and text starting with '-' is never read as an option); WAV comes back on stdout.
/// Robotic but real: every result carries a warning that this is a stock voice, not the person's.</summary>
internal sealed partial class EspeakSpeechSynthesizer(IOptions<TtsOptions> options, ILogger<EspeakSpeechSynthesizer> logger, ToolRunner? tools = null)
    : ISpeechSynthesizer
{
    public const string InstallHint = "apt-get install espeak-ng";

    private readonly TtsOptions _options = options.Value;
    private readonly ToolRunner _tools = tools ?? new ToolRunner();

    public string Name => "espeak-ng";

    /// <summary>Test hook: called with the process id when espeak-ng starts.</summary>
    internal Action<int>? ProcessStarted { get; set; }

    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, VoiceReference? voice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) { throw new ArgumentException("There is no text to speak.", nameof(text)); }
        string[] arguments =
        [
            "-v", _options.Voice,
            "-s", _options.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "-b", "1",      // input is UTF-8, whatever the process locale says
            "--stdin",      // read all of stdin at once, not line by line
            "--stdout",     // WAV on stdout
        ];
        var command = new ToolCommand(Name, _options.Executable, arguments)
        {
            Fix = $"Install it ({InstallHint}) or set Tts:Executable.",
            Timeout = _options.Timeout,
            TimeoutSetting = "Tts:Timeout",
        };
        ToolResult result = await _tools.RunAsync(command, System.Text.Encoding.UTF8.GetBytes(text), ProcessStarted, cancellationToken);
        if (result.StandardOutput.Length <= 44)
        {
            throw new MediaToolException(Name,
                $"espeak-ng produced no audio for the voice '{_options.Voice}' ({result.StandardErrorTail.Trim()}). " +
                "Check Tts:Voice against `espeak-ng --voices`.");
        }
        AudioChunk audio = WavFile.Parse(result.StandardOutput, "espeak-ng output");
        LogSynthesized(logger, text.Length, audio.Duration.TotalSeconds);
        string warning = voice is null
            ? "Spoken with espeak-ng's stock voice: no voice-cloning engine is installed."
            : "Spoken with espeak-ng's stock voice, not the person's cloned voice: espeak-ng cannot clone. Install a voice-cloning model (`pixelholo models pull`) for the person's own voice.";
        return new SynthesizedSpeech(audio, Name, warning);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "espeak-ng spoke {Characters} characters as {Seconds:F2} s of audio")]
    private static partial void LogSynthesized(ILogger logger, int characters, double seconds);
}
