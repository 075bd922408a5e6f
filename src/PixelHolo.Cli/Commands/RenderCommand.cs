using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo render --profile ID --audio FILE.wav --out FILE.mp4 [--mode lipsync|loop]</c>: the avatar speaking a
/// sound file, as an MP4, through the same streaming renderer the stage uses.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var profile = new Option<string>("--profile") { Description = "Profile id (see `pixelholo profiles list`).", Required = true };
        var audio = new Option<FileInfo>("--audio") { Description = "The speech to render (WAV, or any format ffmpeg reads).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "MP4 to write (H.264 + AAC).", Required = true };
        var mode = new Option<string>("--mode") { Description = "lipsync (default; loop when the profile has no lip-sync model, with a warning) or loop.", DefaultValueFactory = _ => "lipsync" };
        mode.AcceptOnlyFromAmong("lipsync", "loop");
        var command = new Command("render", "Render the avatar speaking an audio file into an MP4 (for inspection and demos).");
        command.Options.Add(profile);
        command.Options.Add(audio);
        command.Options.Add(output);
        command.Options.Add(mode);
        command.SetAction((parse, ct) => CliHost.RunAsync(c => RunAsync(parse.GetValue(profile)!, parse.GetValue(audio)!, parse.GetValue(output)!, parse.GetValue(mode)!, c), ct));
        return command;
    }

    private static async Task<int> RunAsync(string profileId, FileInfo audio, FileInfo output, string mode, CancellationToken cancellationToken)
    {
        if (!audio.Exists) { throw new CliInputException($"The audio file '{audio.FullName}' does not exist. Pass an existing sound file with --audio."); }
        if (output.Directory is { Exists: false } folder) { throw new CliInputException($"The folder of --out ('{folder.FullName}') does not exist. Create it or write elsewhere."); }
        using var host = CliHost.Build(minimumLevel: LogLevel.Warning);
        AvatarProfile found = await ProfilesCommand.FindAsync(host, profileId, cancellationToken);
        if (found.Status != ProfileStatus.Ready) { throw new CliInputException($"Profile '{profileId}' is {found.Status.ToString().ToLowerInvariant()}, not ready. Wait for its enrollment or upload the clip again."); }
        var writer = host.Services.GetRequiredService<AnswerClipWriter>();
        (IStreamingAvatarRenderer renderer, string? warning) = writer.Choose(found, mode);
        if (warning is not null) { await Console.Error.WriteLineAsync(warning); }
        int frames = await writer.WriteAsync(renderer, found, audio.FullName, output.FullName, cancellationToken);
        Console.WriteLine($"Wrote {output.FullName}: {frames} frames ({renderer.Name}).");
        return ExitCodes.Ok;
    }
}
