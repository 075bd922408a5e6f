using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Speech;
using PixelHolo.Speech.Audio;
using PixelHolo.Speech.SpeechToText;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo transcribe FILE.wav [--engine E] [--json]</c>. A contract used outside the test suite: with
/// <c>--json</c> stdout is one line <c>{"text", "engine", "seconds", "words": [{"word", "start", "end"}]}</c>, where
/// <c>seconds</c> is the audio's length and <c>words</c> is empty when the engine gives no times. Warnings (a fallback,
/// crude recognition) and logs go to stderr.</summary>
internal static class TranscribeCommand
{
    private static readonly string[] Engines = ["auto", "parakeet", "moonshine", "whisper", "pocketsphinx"];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A WAV file (any rate and channel count; it is mixed to mono and resampled to 16 kHz)." };
        var engine = new Option<string?>("--engine") { Description = $"Recogniser: {string.Join(", ", Engines)}. Default: SpeechToText:Engine (auto)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON line: text, engine, seconds, words with start and end." };
        var command = new Command("transcribe", "Speech to text on a WAV file with the best installed recogniser (or the one named).");
        command.Arguments.Add(file);
        command.Options.Add(engine);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            c => RunAsync(parse.GetValue(file)!, parse.GetValue(engine), parse.GetValue(json), Console.Out, Console.Error, c), ct));
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo file, string? engine, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!file.Exists) { throw new CliInputException($"The file '{file.FullName}' does not exist. Pass a WAV file to transcribe."); }
        if (engine is not null && !Engines.Contains(engine, StringComparer.OrdinalIgnoreCase))
        {
            throw new CliInputException($"Unknown engine '{engine}'. Use one of: {string.Join(", ", Engines)}.");
        }
        AudioChunk audio;
        try
        {
            audio = AudioResampler.ToMono16k(await WavFile.ReadAsync(file.FullName, cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or PixelHolo.Core.Errors.PixelHoloException)
        {
            throw new CliInputException(ex.Message);
        }

        Dictionary<string, string?> overrides = engine is null ? [] : new() { ["SpeechToText:Engine"] = engine.ToLowerInvariant() };
        using var host = CliHost.Build(overrides);
        var recognizer = host.Services.GetRequiredService<IStreamingSpeechRecognizer>();
        var info = host.Services.GetRequiredService<ISpeechRecognizerInfo>();
        if (info.Warning is { } warning) { await stderr.WriteLineAsync($"warning: {warning}"); }

        TranscriptUpdate? final = null;
        await foreach (TranscriptUpdate update in recognizer.RecognizeAsync(Single(audio), cancellationToken))
        {
            if (update.IsFinal) { final = update; }
        }
        final ??= new TranscriptUpdate("", true, []);
        if (json)
        {
            var result = new TranscribeResult(final.Text, info.Engine, Math.Round(audio.Duration.TotalSeconds, 3),
                [.. final.Words.Select(w => new TranscribedWord(w.Word, Math.Round(w.Start.TotalSeconds, 3), Math.Round(w.End.TotalSeconds, 3)))]);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Default.TranscribeResult));
        }
        else
        {
            await stdout.WriteLineAsync(final.Text);
        }
        return ExitCodes.Ok;
    }

    private static async IAsyncEnumerable<AudioChunk> Single(AudioChunk audio)
    {
        await Task.CompletedTask;
        yield return audio;
    }
}
