using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo matte eval --video V [--frames N] [--json]</c>: the fast matte against the full model. The JSON keys
/// (iou, alphaMae, nonBlackBackground, framesPerSecond, worstIou, worstFrame, cuts, edgeSpill) are a contract used outside
/// the test suite.</summary>
internal static class MatteCommand
{
    public static Command Create()
    {
        var command = new Command("matte", "Person-on-black matte tools.");
        var video = new Option<FileInfo>("--video") { Description = "Talking-head clip to evaluate.", Required = true };
        var frames = new Option<int?>("--frames")
        {
            Description = $"Non-key frames compared with the full model (each costs one model run). Default: {MatteEvaluation.MinimumDefaultFrames} per minute of video, at least {MatteEvaluation.MinimumDefaultFrames}.",
        };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object (the last line of stdout) instead of one line per frame." };
        var eval = new Command("eval", "Matte the clip with the fast path, run the full model on frames that were not key frames, and report mean and worst IoU, " +
            "mean absolute alpha error, the background colour left in the edge pixels, the fraction of background pixels that are not exactly black after encoding, " +
            "the shot changes found and throughput.");
        eval.Options.Add(video);
        eval.Options.Add(frames);
        eval.Options.Add(json);
        eval.SetAction((parse, ct) => CliHost.RunAsync(c => EvalAsync(parse.GetValue(video)!, parse.GetValue(frames), parse.GetValue(json), c), ct));
        command.Subcommands.Add(eval);
        return command;
    }

    private static async Task<int> EvalAsync(FileInfo video, int? frames, bool json, CancellationToken cancellationToken)
    {
        if (!video.Exists) { throw new CliInputException($"The video '{video.FullName}' does not exist. Pass an existing clip with --video."); }
        if (frames < 1) { throw new CliInputException($"--frames must be 1 or more (got {frames}); leave it out for {MatteEvaluation.MinimumDefaultFrames} per minute of video."); }
        using var host = CliHost.Build(minimumLevel: LogLevel.Information);
        var evaluator = host.Services.GetRequiredService<IMatteEvaluator>();
        MatteEvaluation result = await evaluator.EvaluateAsync(video.FullName, frames, cancellationToken);
        MatteSummary s = result.Summary;
        string details = string.Create(CultureInfo.InvariantCulture,
            $"{video.Name}: {s.Frames} frames {s.Width}x{s.Height} @ {s.FramesPerSecond:0.##} fps, {s.KeyFrames} key frames, {s.Cuts} cuts, camera moving {s.CameraMoving}, " +
            $"plate coverage {s.PlateCoverage:P0}, {s.ExecutionProvider}; time: analysis {s.AnalysisTime.TotalSeconds:F1} s, model {s.ModelTime.TotalSeconds:F1} s, " +
            $"matte {s.MatteTime.TotalSeconds:F1} s, encode {s.EncodeTime.TotalSeconds:F1} s; " +
            $"non-black background incl. edge pixels {result.NonBlackBackgroundStrict:G3}");
        if (json)
        {
            await Console.Error.WriteLineAsync(details);
            Console.WriteLine(JsonSerializer.Serialize(
                new MatteEvalJsonLine(Math.Round(result.Iou, 4), Math.Round(result.AlphaMae, 4), Math.Round(result.NonBlackBackground, 6),
                    Math.Round(result.FramesPerSecond, 2), Math.Round(result.WorstIou, 4), result.WorstFrame, s.Cuts, Math.Round(result.EdgeSpill, 4)),
                CliJson.Default.MatteEvalJsonLine));
            return ExitCodes.Ok;
        }
        foreach (MatteFrameScore f in result.PerFrame)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"frame {f.Frame} ({f.Seconds:F2} s): IoU {f.Iou:F4}, alpha MAE {f.AlphaMae:F4}, edge spill {f.EdgeSpill:F4}, confidence {f.Confidence:F3} (colour {f.ColourDisagreement:F3}, outline {f.EdgeDisagreement:F3}, stale {f.StaleBackground:F3})"));
        }
        Console.WriteLine(details);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IoU {result.Iou:F4} mean, {result.WorstIou:F4} worst (frame {result.WorstFrame}) (targets ≥ 0.97 and ≥ 0.90), alpha MAE {result.AlphaMae:F4}, " +
            $"edge spill {result.EdgeSpill:F4}, non-black background {result.NonBlackBackground:G3} (target 0), {s.Cuts} cuts, {result.FramesPerSecond:F1} frames/s"));
        return ExitCodes.Ok;
    }
}
