using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Vision;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>BlazeFace frames per second on 640×480 camera frames on one core (IntraOpThreads = 1), front and back
/// models: whole Detect calls (letterbox + inference + decoding) and the letterbox alone.</summary>
internal static class FaceDetectionBenchmark
{
    private const int Width = 640, Height = 480, FrameCount = 30;

    public static async Task RunAsync(string[] args)
    {
        string shared = Environment.GetEnvironmentVariable("PIXELHOLO_SHARED_DIR") is { Length: > 0 } d
            ? d : Path.Combine(RuntimeLocator.FindRepositoryRoot() ?? ".", "..", "shared");
        string clip = Path.Combine(shared, "media", "videos", "talking_woman_room_720p_9s.mp4");
        byte[][] frames = await DecodeAsync(clip);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; frames: {FrameCount} real 640×480 RGB24 frames of {Path.GetFileName(clip)}"));
        foreach (string model in (string[])["front", "back"])
        {
            using ServiceProvider services = Build(model);
            var detector = services.GetRequiredService<IFaceDetector>();
            int found = 0;
            for (int i = 0; i < 20; i++) { found += detector.Detect(frames[i % FrameCount], Width, Height).Count; } // warm-up
            var latencies = new List<double>();
            var total = Stopwatch.StartNew();
            for (int i = 0; total.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                long start = Stopwatch.GetTimestamp();
                found += detector.Detect(frames[i % FrameCount], Width, Height).Count;
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            total.Stop();
            latencies.Sort();
            double fps = latencies.Count / total.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"blazeface-{model}: {fps:F0} frames/s on one core; per frame p50 {latencies[latencies.Count / 2]:F2} ms, p95 {latencies[(int)(latencies.Count * 0.95)]:F2} ms ({latencies.Count} frames, {found} faces)"));
            int size = model == "front" ? 128 : 256;
            var letterbox = Letterbox.For(Width, Height, size);
            float[] tensor = new float[size * size * 3];
            var fill = Stopwatch.StartNew();
            int fills = 0;
            for (; fill.Elapsed < TimeSpan.FromSeconds(1); fills++) { letterbox.Fill(frames[fills % FrameCount], Width, Height, tensor); }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"blazeface-{model}: letterbox 640×480 → {size}×{size} alone {fill.Elapsed.TotalMilliseconds / fills:F2} ms per frame"));
        }
    }

    private static ServiceProvider Build(string model)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inference:Device"] = "cpu",
            ["FaceDetection:Model"] = model,
            ["FaceDetection:IntraOpThreads"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddInference();
        services.AddFaceDetection();
        return services.BuildServiceProvider();
    }

    private static async Task<byte[][]> DecodeAsync(string clip)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-nostdin", "-loglevel", "error", "-ss", "1", "-i", clip, "-frames:v", FrameCount.ToString(CultureInfo.InvariantCulture),
            "-vf", "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"])
        {
            info.ArgumentList.Add(a);
        }
        using var ffmpeg = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        Task<string> errors = ffmpeg.StandardError.ReadToEndAsync();
        var frames = new byte[FrameCount][];
        for (int i = 0; i < FrameCount; i++)
        {
            frames[i] = new byte[Width * Height * 3];
            await ffmpeg.StandardOutput.BaseStream.ReadExactlyAsync(frames[i]);
        }
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) { throw new InvalidOperationException($"ffmpeg failed on {clip}: {await errors}"); }
        return frames;
    }
}
