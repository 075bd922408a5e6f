using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo matte eval --video V [--frames N] [--json]</c>: the fast matte against the full model.</summary>
internal static class MatteCommand
{
    public static Command Create()
    {
        var command = new Command("matte", "Person-on-black matte tools.");
        var video = new Option<FileInfo>("--video") { Description = "Talking-head clip to evaluate.", Required = true };
        var frames = new Option<int>("--frames") { Description = "Non-key frames compared with the full model (each costs one model run). Default 4.", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON line (the last line of stdout)." };
        var eval = new Command("eval", "Matte the clip with the fast path, run the full model on frames that were not key frames, and report mean IoU, " +
            "mean absolute alpha error, the fraction of background pixels that are not exactly black after encoding, and throughput.");
        eval.Options.Add(video);
        eval.Options.Add(frames);
        eval.Options.Add(json);
        eval.SetAction((parse, ct) => CliHost.RunAsync(c => EvalAsync(parse.GetValue(video)!, parse.GetValue(frames), parse.GetValue(json), c), ct));
        command.Subcommands.Add(eval);
        return command;
    }

    private static async Task<int> EvalAsync(FileInfo video, int frames, bool json, CancellationToken cancellationToken)
    {
        if (!video.Exists) { throw new CliInputException($"The video '{video.FullName}' does not exist. Pass an existing clip with --video."); }
        if (frames < 1) { throw new CliInputException($"--frames must be 1 or more (got {frames})."); }
        using var host = CliHost.Build(minimumLevel: LogLevel.Information);
        var evaluator = host.Services.GetRequiredService<IMatteEvaluator>();
        MatteEvaluation result = await evaluator.EvaluateAsync(video.FullName, frames, cancellationToken);
        MatteSummary s = result.Summary;
        string details = string.Create(CultureInfo.InvariantCulture,
            $"{video.Name}: {s.Frames} frames {s.Width}x{s.Height} @ {s.FramesPerSecond:0.##} fps, {s.KeyFrames} key frames, camera moving {s.CameraMoving}, " +
            $"plate coverage {s.PlateCoverage:P0}, {s.ExecutionProvider}; time: analysis {s.AnalysisTime.TotalSeconds:F1} s, model {s.ModelTime.TotalSeconds:F1} s, " +
            $"matte {s.MatteTime.TotalSeconds:F1} s, encode {s.EncodeTime.TotalSeconds:F1} s; evaluated frames {string.Join(',', result.EvaluatedFrames)}; " +
            $"non-black background incl. edge pixels {result.NonBlackBackgroundStrict:G3}");
        if (json)
        {
            await Console.Error.WriteLineAsync(details);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"iou\": {Math.Round(result.Iou, 4)}, \"alphaMae\": {Math.Round(result.AlphaMae, 4)}, \"nonBlackBackground\": {Math.Round(result.NonBlackBackground, 6)}, \"framesPerSecond\": {Math.Round(result.FramesPerSecond, 2)}}}"));
        }
        else
        {
            Console.WriteLine(details);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IoU {result.Iou:F4} (target ≥ 0.95), alpha MAE {result.AlphaMae:F4}, non-black background {result.NonBlackBackground:G3} (target 0), {result.FramesPerSecond:F1} frames/s"));
        }
        return ExitCodes.Ok;
    }
}
