using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Cli;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>Matting figures: the whole matte of the 101 s upload (seconds per video second and where the time goes) and the
/// fast path against the full model on the talking-head clips.</summary>
internal static class MatteBenchmarks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task WholeAsync(string[] args)
    {
        using IHost host = CliHost.Build(minimumLevel: LogLevel.Information);
        var matter = host.Services.GetRequiredService<IVideoMatter>();
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-bench-matte-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string source = Media("videos/long_talking_loop_101s.mp4");
            MatteSummary s = await matter.MatteAsync(new MatteRequest(source, Path.Combine(folder, "matte.mp4"), Path.Combine(folder, "frames")));
            double videoSeconds = s.Frames / s.FramesPerSecond;
            Print("matte.video_seconds", videoSeconds);
            Print("matte.frames", s.Frames);
            Print("matte.key_frames", s.KeyFrames);
            Print("matte.camera_moving", s.CameraMoving ? 1 : 0);
            Print("matte.plate_coverage", s.PlateCoverage);
            Print("matte.total_seconds", s.Total.TotalSeconds);
            Print("matte.seconds_per_video_second", s.Total.TotalSeconds / videoSeconds);
            Print("matte.analysis_seconds", s.AnalysisTime.TotalSeconds);
            Print("matte.model_seconds", s.ModelTime.TotalSeconds);
            Print("matte.model_seconds_per_key_frame", s.ModelTime.TotalSeconds / Math.Max(1, s.KeyFrames));
            Print("matte.fast_path_seconds", s.MatteTime.TotalSeconds);
            Print("matte.fast_path_ms_per_frame", s.MatteTime.TotalMilliseconds / s.Frames);
            Print("matte.encode_seconds", s.EncodeTime.TotalSeconds);
            Print("matte.jpeg_frames", Directory.GetFiles(Path.Combine(folder, "frames"), "*.jpg").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task EvalAsync(string[] args)
    {
        using IHost host = CliHost.Build(minimumLevel: LogLevel.Warning);
        var evaluator = host.Services.GetRequiredService<IMatteEvaluator>();
        foreach (string clip in new[] { "videos/talking_woman_expressive_34s.mp4", "videos/talking_woman_room_720p_9s.mp4", "videos/talking_address_hdtf_8s.mp4" })
        {
            MatteEvaluation e = await evaluator.EvaluateAsync(Media(clip), 4);
            string name = Path.GetFileNameWithoutExtension(clip);
            Print($"matte_eval.{name}.key_frames", e.Summary.KeyFrames);
            Print($"matte_eval.{name}.camera_moving", e.Summary.CameraMoving ? 1 : 0);
            Print($"matte_eval.{name}.iou", e.Iou);
            Print($"matte_eval.{name}.alpha_mae", e.AlphaMae);
            Print($"matte_eval.{name}.non_black_background", e.NonBlackBackground);
            Print($"matte_eval.{name}.non_black_background_incl_edge", e.NonBlackBackgroundStrict);
            Print($"matte_eval.{name}.frames_per_second", e.FramesPerSecond);
        }
    }

    /// <summary>Resident memory of a process that mattes one clip the way the enrollment step does (the model loads for the job
    /// and is released after it): before, peak (VmHWM) and resting after the job. Argument: a clip (default the 3 s green screen).</summary>
    public static async Task MemoryAsync(string[] args)
    {
        using IHost host = CliHost.Build(minimumLevel: LogLevel.Warning);
        var matter = host.Services.GetRequiredService<IVideoMatter>();
        string source = args.Length > 0 ? args[0] : Media("videos/greenscreen_man_3s.mp4");
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-bench-matte-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            Settle();
            Print("matte_memory.before_mb", Status("VmRSS"));
            MatteSummary s = await matter.MatteAsync(new MatteRequest(source, Path.Combine(folder, "matte.mp4"), Path.Combine(folder, "frames")));
            Print("matte_memory.peak_mb", Status("VmHWM"));
            Settle();
            Print("matte_memory.resting_mb", Status("VmRSS"));
            Print("matte_memory.key_frames", s.KeyFrames);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static void Settle()
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>How many background pixels (further than the evaluator's 2 px edge guard from a pixel of the person) decode to
    /// something other than RGB 0 with each x264 setting, on the very frames the matte hands its encoder: the clip (default the
    /// 101 s loop) is matted once, its frames kept in a raw file, and re-encoded with each setting.</summary>
    public static async Task EncodeAsync(string[] args)
    {
        using IHost host = CliHost.Build(minimumLevel: LogLevel.Warning);
        var matter = host.Services.GetRequiredService<VideoMatter>();
        var runner = host.Services.GetRequiredService<PixelHolo.Processes.Ffmpeg.FfmpegRunner>();
        var reader = host.Services.GetRequiredService<PixelHolo.Processes.Ffmpeg.FfmpegFrameReader>();
        string source = args.Length > 0 ? args[0] : Media("videos/long_talking_loop_101s.mp4");
        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-bench-matte-encode-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string raw = Path.Combine(folder, "fed.rgb");
            MatteSummary summary;
            await using (FileStream fed = File.Create(raw))
            {
                summary = await matter.RunAsync(new MatteRequest(source, Path.Combine(folder, "matte.mp4"), IncludeAudio: false),
                    (frame, _) => fed.Write(frame.Output.Span), progress: null, CancellationToken.None);
            }
            int width = summary.Width, height = summary.Height;
            Print("matte_encode.frames", summary.Frames);
            var shipped = new MattingOptions();
            var settings = new (string Name, int Crf, string? Parameters)[]
            {
                ("crf18", 18, null),
                ("crf18_aq3", 18, "aq-mode=3"),
                ("crf18_aq3_dz6", 18, VideoMatter.BlackEdgeParameters),
                ("crf16", 16, null),
                ("crf14_aq3", 14, "aq-mode=3"),
                ("shipped", shipped.Crf, VideoMatter.BlackEdgeParameters),
            };
            foreach ((string name, int crf, string? parameters) in settings)
            {
                List<string> options = [.. VideoMatter.H264Options(new MattingOptions { Crf = crf })];
                int at = options.IndexOf("-x264-params");
                if (parameters is null) { options.RemoveRange(at, 2); }
                else { options[at + 1] = parameters; }
                string encoded = Path.Combine(folder, $"{name}.mp4");
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await using (FileStream fed = File.OpenRead(raw))
                await using (var writer = new PixelHolo.Processes.Ffmpeg.FfmpegFrameWriter(runner,
                    new PixelHolo.Processes.Ffmpeg.FrameWriteRequest(encoded, width, height, summary.FramesPerSecond, OutputOptions: options)))
                {
                    var frame = new byte[width * height * 3];
                    while (await fed.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false) == frame.Length) { await writer.WriteAsync(frame); }
                    await writer.CompleteAsync();
                }
                double seconds = clock.Elapsed.TotalSeconds;
                long nonBlack = 0;
                await using (FileStream fed = File.OpenRead(raw))
                {
                    var encodedFrame = new byte[width * height * 3];
                    var picture = new float[width * height];
                    var near = new float[picture.Length];
                    var scratch = new float[picture.Length];
                    await foreach (PixelHolo.Core.Media.VideoFrame decoded in reader.ReadAsync(new PixelHolo.Processes.Ffmpeg.FrameReadRequest(encoded)))
                    {
                        await fed.ReadExactlyAsync(encodedFrame);
                        nonBlack += CountNonBlackBeyondGuard(encodedFrame, decoded.Rgb24, width, height, picture, near, scratch);
                    }
                }
                Print($"matte_encode.{name}.non_black_beyond_guard", nonBlack);
                Print($"matte_encode.{name}.megabytes", new FileInfo(encoded).Length / 1e6);
                Print($"matte_encode.{name}.encode_seconds", seconds);
                File.Delete(encoded);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Decoded pixels not RGB 0 among those more than <see cref="MatteEvaluation.EdgeGuardPixels"/> px (square window)
    /// from any non-black pixel of the frame that was encoded: the evaluator's guard, with the same <see cref="ImageOps.Dilate"/>.</summary>
    private static long CountNonBlackBeyondGuard(byte[] fed, byte[] decoded, int width, int height, float[] picture, float[] near, float[] scratch)
    {
        for (int i = 0; i < picture.Length; i++) { picture[i] = (fed[i * 3] | fed[(i * 3) + 1] | fed[(i * 3) + 2]) != 0 ? 1f : 0f; }
        ImageOps.Dilate(picture, 0f, near, width, height, MatteEvaluation.EdgeGuardPixels, scratch);
        long count = 0;
        for (int i = 0; i < near.Length; i++)
        {
            if (near[i] == 0 && (decoded[i * 3] | decoded[(i * 3) + 1] | decoded[(i * 3) + 2]) != 0) { count++; }
        }
        return count;
    }

    /// <summary>A /proc/self/status line in MB (Linux).</summary>
    private static double Status(string key)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Invariant) / 1024.0;
    }

    private static string Media(string relative)
    {
        string root = Environment.GetEnvironmentVariable("PIXELHOLO_SHARED_DIR") is { Length: > 0 } d
            ? d
            : Path.Combine(RuntimeLocator.FindRepositoryRoot() ?? ".", "..", "shared");
        return Path.GetFullPath(Path.Combine(root, "media", relative));
    }

    private static void Print(string name, double value) => Console.WriteLine($"{name} {value.ToString("G5", Invariant)}");
}
