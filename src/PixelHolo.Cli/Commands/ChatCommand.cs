using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Conversation;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;
using PixelHolo.Speech.Audio;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo chat --profile ID [--text "..."] [--out FILE.wav]</c>: the original's headless mode.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "Profile id (see `pixelholo profiles list`).", Required = true };
        var text = new Option<string?>("--text") { Description = "Ask this one question and exit (default: read questions from the terminal, one per line)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the spoken answer to this WAV file (the last answer when several)." };
        var command = new Command("chat", "Talk to an avatar in the terminal: answers printed (and spoken to a WAV with --out), with per-stage timings.");
        command.Options.Add(profile);
        command.Options.Add(text);
        command.Options.Add(output);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            c => RunAsync(parse.GetRequiredValue(profile), parse.GetValue(text), parse.GetValue(output), c), ct));
        return command;
    }

    private static async Task<int> RunAsync(string profileId, string? text, FileInfo? output, CancellationToken cancellationToken)
    {
        using IHost host = CliHost.Build();
        AvatarProfile profile = await ProfilesCommand.FindAsync(host, profileId, cancellationToken);
        if (profile.Status != ProfileStatus.Ready)
        {
            throw new CliInputException($"Profile '{profileId}' is {profile.Status.ToString().ToLowerInvariant()}, not ready. Wait for its enrollment or upload the clip again.");
        }
        var engine = host.Services.GetRequiredService<ConversationEngine>();
        ConversationSession session = await engine.StartAsync(profile, cancellationToken);
        var events = new ConsoleStageEvents();
        bool interactive = text is null;
        if (interactive) { Console.WriteLine($"Talking to {profile.Name}. Type a question and press Enter; an empty line or Ctrl+D ends."); }
        int failures = 0;
        while (true)
        {
            string? question = text;
            if (interactive)
            {
                Console.Write("> ");
                question = await Console.In.ReadLineAsync(cancellationToken);
            }
            if (string.IsNullOrWhiteSpace(question)) { break; }
            TurnResult result = await engine.AskAsync(session, question, events, render: false, cancellationToken);
            if (result.Succeeded)
            {
                Console.WriteLine($"{profile.Name}: {result.Answer}");
                if (result.SpeechWarning is { } warning) { await Console.Error.WriteLineAsync($"note: {warning}"); }
                if (output is not null && result.Speech is { } speech)
                {
                    await WavFile.WriteAsync(output.FullName, speech.Audio, cancellationToken);
                    Console.WriteLine($"(spoken answer written to {output.FullName})");
                }
            }
            else
            {
                failures++;
                await Console.Error.WriteLineAsync($"error: {result.Error}");
            }
            Console.WriteLine("timings: " + string.Join(", ", result.StageSeconds.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.000} s"))));
            events.Publish(StageState.Idle);
            if (!interactive) { break; }
        }
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Stage changes as short lines on stderr, so stdout holds only the conversation.</summary>
    private sealed class ConsoleStageEvents : IStageEvents
    {
        public void Publish(StageState state, string? detail = null)
        {
            if (state == StageState.Idle) { return; }
            Console.Error.WriteLine(detail is null ? $"[{state.ToString().ToLowerInvariant()}]" : $"[{state.ToString().ToLowerInvariant()}] {detail}");
        }
    }
}
