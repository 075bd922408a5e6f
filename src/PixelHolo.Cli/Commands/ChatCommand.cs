using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Stage;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo chat --profile ID [--text "…" | --audio FILE.wav] [--out FILE.wav] [--json]</c>: the original's
/// headless mode, driving the same turn state machine as the stage (typed or recorded questions; with no page, audio
/// counts as played when produced). With <c>--json</c> each turn is one line, one JSON object (a contract).</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "Profile id (see `pixelholo profiles list`).", Required = true };
        var text = new Option<string?>("--text") { Description = "Ask this one question and exit (default: read questions from the terminal, one per line)." };
        var audio = new Option<FileInfo?>("--audio") { Description = "Ask the question spoken in this WAV file (any rate; transcribed first) and exit." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the whole spoken answer to this WAV file (the last answer when several)." };
        var json = new Option<bool>("--json") { Description = "Print each turn as one line of JSON (turnId, transcript, answer, interrupted, engines, states, timings, audioSeconds)." };
        var command = new Command("chat", "Talk to an avatar in the terminal through the streaming turn: answers printed (and spoken to a WAV with --out), with timings.");
        command.Options.Add(profile);
        command.Options.Add(text);
        command.Options.Add(audio);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            c => RunAsync(parse.GetRequiredValue(profile), parse.GetValue(text), parse.GetValue(audio), parse.GetValue(output), parse.GetValue(json), c), ct));
        return command;
    }

    private static async Task<int> RunAsync(string profileId, string? text, FileInfo? audioFile, FileInfo? output, bool json, CancellationToken cancellationToken)
    {
        if (text is not null && audioFile is not null) { throw new CliInputException("Use --text or --audio, not both: one question per run."); }
        AudioChunk? recorded = audioFile is null ? null : await ReadQuestionAsync(audioFile, cancellationToken);
        if (text is not null && text.Trim().Length == 0) { throw new CliInputException("--text is empty. Type a question, e.g. --text \"who are you?\"."); }
        using IHost host = CliHost.Build();
        await ProfilesCommand.FindAsync(host, profileId, cancellationToken);
        IStageConversation stage;
        try
        {
            stage = await host.Services.GetRequiredService<IStageConversationFactory>().OpenHeadlessAsync(profileId, cancellationToken);
        }
        catch (ProfileUnavailableException ex) { throw new CliInputException(ex.Message); }
        await using (stage)
        {
            await using IAsyncEnumerator<StageOutput> outputs = stage.ReadOutputsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool interactive = text is null && recorded is null;
            if (interactive && !json) { Console.WriteLine("Type a question and press Enter; an empty line or Ctrl+D ends."); }
            int failures = 0;
            while (true)
            {
                StageInput question;
                if (recorded is not null) { question = new StageInput.AudioQuestion(recorded); }
                else if (text is not null) { question = new StageInput.TextQuestion(text.Trim()); }
                else
                {
                    if (!json) { Console.Write("> "); }
                    string? line = await Console.In.ReadLineAsync(cancellationToken);
                    if (string.IsNullOrWhiteSpace(line)) { break; }
                    question = new StageInput.TextQuestion(line.Trim());
                }
                await stage.SendAsync(question, cancellationToken);
                (TurnReport report, List<AudioChunk> spoken) = await ReadTurnAsync(outputs, json, cancellationToken);
                if (report.Error is not null) { failures++; }
                Print(report, json);
                if (output is not null && spoken.Count > 0)
                {
                    await WavFile.WriteAsync(output.FullName, Join(spoken), cancellationToken);
                    if (!json) { Console.Error.WriteLine($"(spoken answer written to {output.FullName})"); }
                }
                if (!interactive) { break; }
            }
            return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }

    /// <summary>Reads the outputs of one turn until its report; keeps its audio for --out and shows states on stderr.</summary>
    private static async Task<(TurnReport Report, List<AudioChunk> Audio)> ReadTurnAsync(IAsyncEnumerator<StageOutput> outputs, bool json, CancellationToken cancellationToken)
    {
        var audio = new List<AudioChunk>();
        while (await outputs.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (outputs.Current)
            {
                case StageOutput.Audio a: audio.Add(a.Chunk); break;
                case StageOutput.StateChanged { Event: var e } when !json && e.State != StageState.Idle:
                    await Console.Error.WriteLineAsync(e.Detail is null ? $"[{Lower(e.State)}]" : $"[{Lower(e.State)}] {e.Detail}");
                    break;
                case StageOutput.TurnCompleted { Report: var report }: return (report, audio);
            }
        }
        throw new InvalidOperationException("The conversation ended before the turn did (see the log above).");
    }

    private static void Print(TurnReport report, bool json)
    {
        if (json)
        {
            Console.WriteLine(ToJson(report));
            if (report.Error is { } failed) { Console.Error.WriteLine($"error: {failed}"); }
            return;
        }
        if (report.Transcript.Length > 0 && report.States.Contains(StageState.Transcribing)) { Console.WriteLine($"(heard) {report.Transcript}"); }
        if (report.Answer.Length > 0) { Console.WriteLine(report.Answer); }
        if (report.Error is { } error) { Console.Error.WriteLine($"error: {error}"); }
        Console.WriteLine("timings: " + string.Join(", ", report.Timings.Reached().Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:0.000} s"))));
    }

    /// <summary>The --json line, exactly as the contract spells it (key names and order).</summary>
    internal static string ToJson(TurnReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            TurnReportJson.WriteFields(w, report, TurnReportShape.ChatLine);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task<AudioChunk> ReadQuestionAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists) { throw new CliInputException($"--audio: '{file.FullName}' does not exist. Give a WAV file with the spoken question."); }
        try
        {
            AudioChunk audio = await WavFile.ReadAsync(file.FullName, cancellationToken);
            return AudioResampler.ToMono16k(audio);
        }
        catch (AudioFormatException ex)
        {
            throw new CliInputException($"--audio: '{file.Name}' is not a WAV file this can read ({ex.Message}). Convert it with `ffmpeg -i {file.Name} -ar 16000 -ac 1 question.wav`.");
        }
    }

    /// <summary>The answer's chunks as one clip (they share the engine's sample rate).</summary>
    private static AudioChunk Join(List<AudioChunk> chunks)
    {
        float[] samples = new float[chunks.Sum(c => c.Samples.Length)];
        int at = 0;
        foreach (AudioChunk chunk in chunks) { chunk.Samples.Span.CopyTo(samples.AsSpan(at)); at += chunk.Samples.Length; }
        return new AudioChunk(samples, chunks[0].SampleRateHz, chunks[0].Channels, TimeSpan.Zero);
    }

    private static string Lower(StageState state) => state.ToString().ToLowerInvariant();
}
