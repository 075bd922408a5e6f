using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo say --text "…" --out FILE.wav [--profile ID | --reference REF.wav] [--engine E] [--json]</c>:
/// speaks text with the engine the app would choose (or the one named) and writes a WAV. With <c>--json</c> the last line
/// of stdout is <c>{"engine", "seconds", "realTimeFactor", "firstAudioSeconds", "warning"}</c> — a contract used outside
/// the test suite. Timing starts after the once-per-voice preparation (the matched-voice fit, a reference upload), which
/// is reported on its own line, as a turn does none of it.</summary>
internal static partial class SayCommand
{
    internal static readonly string[] Engines = ["auto", "pocket", "chatterbox", "matched", "espeak-ng"];

    public static Command Create()
    {
        var text = new Option<string>("--text") { Description = "What to say.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "WAV file to write (16-bit PCM, mono).", Required = true };
        var profile = new Option<string?>("--profile") { Description = "Speak in this profile's voice (its voice/reference.wav)." };
        var reference = new Option<FileInfo?>("--reference") { Description = "Match the voice to this WAV file instead of a profile." };
        var engine = new Option<string?>("--engine") { Description = $"Engine to try first: {string.Join(", ", Engines)} (default: Tts:Engine, auto)." };
        var json = new Option<bool>("--json") { Description = "End with one JSON line: engine, seconds, realTimeFactor, firstAudioSeconds, warning." };
        var command = new Command("say", "Speak text into a WAV file in a profile's voice, a reference's matched voice, or the stock voice.");
        foreach (Option option in new Option[] { text, output, profile, reference, engine, json }) { command.Options.Add(option); }
        command.SetAction((parse, ct) => CliHost.RunAsync(c => RunAsync(
            parse.GetRequiredValue(text), parse.GetRequiredValue(output), parse.GetValue(profile), parse.GetValue(reference),
            parse.GetValue(engine), parse.GetValue(json), Console.Out, c), ct));
        return command;
    }

    internal static async Task<int> RunAsync(
        string text, FileInfo output, string? profileId, FileInfo? reference, string? engine, bool json, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) { throw new CliInputException("--text is empty: pass the words to speak, e.g. --text \"Hello there.\""); }
        if (profileId is not null && reference is not null) { throw new CliInputException("Pass --profile or --reference, not both: the voice comes from one of them."); }
        if (engine is not null && !Engines.Contains(engine, StringComparer.Ordinal))
        {
            throw new CliInputException($"--engine '{engine}' is not an engine. Use one of: {string.Join(", ", Engines)}.");
        }
        if (reference is not null && !reference.Exists) { throw new CliInputException($"The reference '{reference.FullName}' does not exist. Pass a WAV file of the person speaking (10-30 s is best)."); }
        if (reference is not null)
        {
            try { WavFile.Parse(await File.ReadAllBytesAsync(reference.FullName, cancellationToken), reference.FullName); }
            catch (Exception ex) when (ex is InvalidDataException or Core.Errors.AudioFormatException) { throw new CliInputException(ex.Message); }
        }
        if (output.Directory is { Exists: false } folder) { throw new CliInputException($"The folder '{folder.FullName}' for --out does not exist. Create it or write elsewhere."); }

        var overrides = new Dictionary<string, string?>();
        if (engine is not null) { overrides["Tts:Engine"] = engine; }
        using IHost host = CliHost.Build(overrides);
        VoiceReference? voice = reference is not null
            ? new VoiceReference(reference.FullName, "", ProfileFolder: "")
            : profileId is not null ? await ProfileVoiceAsync(host, profileId, cancellationToken) : null;

        var chooser = host.Services.GetRequiredService<IVoiceChooser>();
        var synthesizer = host.Services.GetRequiredService<IStreamingSpeechSynthesizer>();
        long prepareStart = Stopwatch.GetTimestamp();
        VoiceChoice choice = await chooser.ChooseAsync(voice, cancellationToken);
        double prepareSeconds = Stopwatch.GetElapsedTime(prepareStart).TotalSeconds;

        long start = Stopwatch.GetTimestamp();
        double? firstAudio = null;
        var parts = new List<AudioChunk>();
        SpeechAudioChunk? last = null;
        await foreach (SpeechAudioChunk chunk in synthesizer.SynthesizeAsync(Sentences(text), voice, cancellationToken))
        {
            if (firstAudio is null && !chunk.Audio.Samples.IsEmpty) { firstAudio = Stopwatch.GetElapsedTime(start).TotalSeconds; }
            if (!chunk.Audio.Samples.IsEmpty) { parts.Add(chunk.Audio with { Start = TimeSpan.Zero }); }
            last = chunk;
        }
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (parts.Count == 0 || last is null)
        {
            throw new CliInputException($"Nothing in --text is speakable once markup, links and emoji are dropped: \"{text}\".");
        }
        AudioChunk audio = AudioLevels.Concat(parts);
        await WavFile.WriteAsync(output.FullName, audio, cancellationToken);

        double seconds = audio.Duration.TotalSeconds;
        await stdout.WriteLineAsync($"Wrote {output.FullName}: {seconds:F2} s of audio by {last.Engine} ({choice.Licence}).");
        await stdout.WriteLineAsync($"Voice prepared in {prepareSeconds:F2} s; synthesis {wall:F3} s, first audio after {firstAudio:F3} s.");
        if (last.Warning is not null) { await stdout.WriteLineAsync($"Warning: {last.Warning}"); }
        if (json)
        {
            await stdout.WriteLineAsync(ToJson(last.Engine, seconds, wall / seconds, firstAudio ?? wall, last.Warning));
        }
        return ExitCodes.Ok;
    }

    /// <summary>The contract line: exactly these keys, in this order; relaxed escaping so apostrophes stay readable.</summary>
    internal static string ToJson(string engine, double seconds, double realTimeFactor, double firstAudioSeconds, string? warning)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("engine", engine);
            json.WriteNumber("seconds", Math.Round(seconds, 3));
            json.WriteNumber("realTimeFactor", Math.Round(realTimeFactor, 4));
            json.WriteNumber("firstAudioSeconds", Math.Round(firstAudioSeconds, 3));
            if (warning is null) { json.WriteNull("warning"); } else { json.WriteString("warning", warning); }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task<VoiceReference?> ProfileVoiceAsync(IHost host, string profileId, CancellationToken cancellationToken)
    {
        AvatarProfile profile = await ProfilesCommand.FindAsync(host, profileId, cancellationToken);
        if (profile.Status != ProfileStatus.Ready)
        {
            throw new CliInputException($"Profile '{profileId}' is {profile.Status.ToString().ToLowerInvariant()}, not ready. Wait for its enrollment or upload the clip again.");
        }
        string wav = Path.Combine(profile.Folder, "voice", "reference.wav");
        if (!File.Exists(wav)) { return null; } // the engines say why the voice is not the person's
        string transcriptPath = Path.ChangeExtension(wav, ".txt");
        string transcript = File.Exists(transcriptPath) ? await File.ReadAllTextAsync(transcriptPath, cancellationToken) : "";
        return new VoiceReference(wav, transcript.Trim(), profile.Folder);
    }

    /// <summary>Sentence by sentence, as the turn feeds the synthesiser, so first audio is one sentence's work.</summary>
    private static async IAsyncEnumerable<string> Sentences(string text)
    {
        foreach (string sentence in SentenceEnd().Split(text.Trim()))
        {
            await Task.Yield();
            yield return sentence;
        }
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)")]
    private static partial Regex SentenceEnd();
}
