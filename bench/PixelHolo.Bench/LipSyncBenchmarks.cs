using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Cli;
using PixelHolo.Media.LipSync.Evaluation;

namespace PixelHolo.Bench;

/// <summary>Streaming lip-sync: the first frame after the first audio chunk, the latest frame against the audio clock and
/// frames against audio over a 60 s answer fed at real-time pace (the throughput and quality figures are `lipsync eval`'s).</summary>
internal static class LipSyncBenchmarks
{
    public static async Task StreamAsync(string[] args)
    {
        string clip = args.Length > 0 ? args[0] : "videos/grid_s1_concat.mp4";
        double answer = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        using IHost host = CliHost.Build(minimumLevel: LogLevel.Warning);
        var evaluator = (LipSyncEvaluator)host.Services.GetRequiredService<ILipSyncEvaluator>();
        string path = File.Exists(clip) ? clip : SpeechBenchmarks.Media(clip);
        // A first TTS chunk is a clause of at least three words: about one second of speech.
        LipSyncStreamingFigures f = await evaluator.MeasureStreamingAsync(path, answer, firstChunkSeconds: 1.0);
        Console.WriteLine(f.Details);
        Print("lipsync.first_frame_ms", f.FirstFrameMs);
        Print("lipsync.first_frame_cold_ms", f.ColdFirstFrameMs);
        Print("lipsync.max_late_ms", f.MaxLateMs);
        Print("lipsync.frames", f.Frames);
        Print("lipsync.expected_frames", f.ExpectedFrames);
        Print("lipsync.frames_seconds", f.FramesSeconds);
        Print("lipsync.audio_seconds", f.AudioSeconds);
        Print("lipsync.paced_fps", f.Fps);
    }

    private static void Print(string key, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key} {value:0.###}"));
}
