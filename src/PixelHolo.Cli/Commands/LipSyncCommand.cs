using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Media.LipSync.Evaluation;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo lipsync eval --video V [--holdout 0.2] [--drive original|tts] [--text T] [--json]</c>.</summary>
internal static class LipSyncCommand
{

    public static Command Create()
    {
        var command = new Command("lipsync", "Lip-sync tools.");
        var video = new Option<FileInfo>("--video") { Description = "Talking-head clip with the person's own voice.", Required = true };
        var holdout = new Option<double>("--holdout") { Description = "Fraction at the end held out for the comparison. Default 0.2.", DefaultValueFactory = _ => 0.2 };
        var drive = new Option<string>("--drive") { Description = "What drives the engine: original (the held-out audio) or tts (the held-out transcript, or --text, spoken by espeak-ng). Default original.", DefaultValueFactory = _ => "original" };
        drive.AcceptOnlyFromAmong("original", "tts");
        var text = new Option<string?>("--text") { Description = "Text spoken with --drive tts (default: the held-out sentences of NAME.txt beside the clip)." };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON line (the last line of stdout)." };
        var eval = new Command("eval", "Learn lip-sync from the first part of the clip, drive it with the held-out part's audio, and compare the engine, " +
            "loop mode (10 start offsets) and the real held-out footage: sync, lagMs, mouthSsim, silentMotion, closeMs, jumpsPerSecond, fps.");
        eval.Options.Add(video);
        eval.Options.Add(holdout);
        eval.Options.Add(drive);
        eval.Options.Add(text);
        eval.Options.Add(json);
        eval.SetAction((parse, ct) => CliHost.RunAsync(c => EvalAsync(parse.GetValue(video)!, parse.GetValue(holdout), parse.GetValue(drive)!, parse.GetValue(text), parse.GetValue(json), c), ct));
        command.Subcommands.Add(eval);
        return command;
    }

    private static async Task<int> EvalAsync(FileInfo video, double holdout, string drive, string? text, bool json, CancellationToken cancellationToken)
    {
        if (!video.Exists) { throw new CliInputException($"The video '{video.FullName}' does not exist. Pass an existing clip with --video."); }
        if (holdout is <= 0.05 or >= 0.6) { throw new CliInputException($"--holdout must be between 0.05 and 0.6 (got {holdout.ToString(CultureInfo.InvariantCulture)})."); }
        using var host = CliHost.Build(minimumLevel: LogLevel.Warning);
        var evaluator = host.Services.GetRequiredService<ILipSyncEvaluator>();
        LipSyncEvaluation result;
        try
        {
            result = await evaluator.EvaluateAsync(new LipSyncEvaluationRequest(video.FullName, holdout, drive, text), cancellationToken);
        }
        catch (LipSyncInputException ex)
        {
            throw new CliInputException(ex.Message);
        }
        bool tts = drive == "tts";
        if (json)
        {
            await Console.Error.WriteLineAsync(result.Details);
            Console.WriteLine(JsonSerializer.Serialize(
                new LipSyncEvalJsonLine(Keys(result.Engine, tts), Keys(result.Loop, tts), Keys(result.Truth, tts)), CliJson.Default.LipSyncEvalJsonLine));
        }
        else
        {
            Console.WriteLine(result.Details);
            Console.WriteLine("            sync   lagMs  mouthSsim  silentMotion  closeMs  jumps/s     fps");
            foreach ((string name, LipSyncFigures f) in new[] { ("engine", result.Engine), ("loop", result.Loop), ("truth", result.Truth) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-8} {f.Sync,7:F3} {(f.LagMs is { } l ? l.ToString("F0", CultureInfo.InvariantCulture) : "—"),7} {(f.MouthSsim is { } s ? s.ToString("F3", CultureInfo.InvariantCulture) : "—"),10} {f.SilentMotion,13:F2} {f.CloseMs,8:F0} {f.JumpsPerSecond,8:F2} {f.Fps,7:F1}"));
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>The contract's keys; with --drive tts only those that need no ground truth.</summary>
    private static Dictionary<string, double> Keys(LipSyncFigures f, bool tts)
    {
        var keys = new Dictionary<string, double>(StringComparer.Ordinal) { ["sync"] = f.Sync };
        if (!tts)
        {
            keys["lagMs"] = f.LagMs ?? 0;
            keys["mouthSsim"] = f.MouthSsim ?? 0;
        }
        keys["silentMotion"] = f.SilentMotion;
        keys["closeMs"] = f.CloseMs;
        keys["jumpsPerSecond"] = f.JumpsPerSecond;
        keys["fps"] = f.Fps;
        return keys;
    }
}
