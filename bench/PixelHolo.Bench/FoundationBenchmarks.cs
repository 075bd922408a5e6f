using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Bench;

/// <summary>Issue 3's figures: upload throughput to disk, enrollment time per video second, server start-up time.
/// Each runs the real program (pixelholo.dll beside this one) in a fresh runtime folder.</summary>
internal static class FoundationBenchmarks
{
    private static string Shared => Environment.GetEnvironmentVariable("PIXELHOLO_SHARED_DIR") is { Length: > 0 } d
        ? d : Path.GetFullPath(Path.Combine(RuntimeLocator.FindRepositoryRoot()!, "..", "shared"));

    private static string Models => Path.Combine(RuntimeLocator.FindRepositoryRoot()!, "runtime", "models");

    /// <summary>Time from process start to the "Uploader:" line, five runs.</summary>
    public static async Task StartupAsync(string[] args)
    {
        var seconds = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            using var runtime = new BenchFolder();
            var watch = Stopwatch.StartNew();
            using Process server = Start(runtime.Path, ["serve", "--port", "0"]);
            while (await server.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains("Uploader:", StringComparison.Ordinal)) { break; }
            }
            seconds.Add(watch.Elapsed.TotalSeconds);
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        Print("server start-up to listening (process start → URL printed), median of 5", seconds.Order().ElementAt(2), "s");
        Print("server start-up, min / max", seconds.Min(), "s", seconds.Max());
    }

    /// <summary>POSTs a large clip (the 101 s clip looped to ~42 MB, 20+ min, so it is rejected after probing) and measures MB/s to disk.</summary>
    public static async Task UploadAsync(string[] args)
    {
        using var runtime = new BenchFolder();
        string big = Path.Combine(runtime.Path, "big.mp4");
        await RunAsync("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-stream_loop", "9", "-i", Path.Combine(Shared, "media/videos/long_talking_loop_101s.mp4"), "-c", "copy", big]);
        long bytes = new FileInfo(big).Length;
        using Process server = Start(runtime.Path, ["serve", "--port", "0"]);
        string url = "";
        while (await server.StandardOutput.ReadLineAsync() is { } line)
        {
            int at = line.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0) { url = line[at..].Trim(); break; }
        }
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        var times = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            using var form = new MultipartFormDataContent();
            var file = new StreamContent(File.OpenRead(big), 1 << 20);
            file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(file, "video", "big.mp4");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/profiles") { Content = form };
            request.Headers.Add("X-PixelHolo-Upload", "1");
            var watch = Stopwatch.StartNew();
            using HttpResponseMessage response = await http.SendAsync(request);
            times.Add(watch.Elapsed.TotalSeconds);
            if ((int)response.StatusCode != 422) { throw new InvalidOperationException($"expected 422 (too long), got {(int)response.StatusCode}"); }
        }
        server.Kill(entireProcessTree: true);
        double median = times.Order().ElementAt(1);
        Print($"upload of {bytes / 1048576.0:0.0} MB over loopback, streamed to disk + ffprobe, median of 3", bytes / 1048576.0 / median, "MB/s");
    }

    /// <summary>Enrolls the 101 s clip with `pixelholo enroll --json` and reports seconds per video second, per stage.</summary>
    public static async Task EnrollAsync(string[] args)
    {
        using var runtime = new BenchFolder();
        string clip = Path.Combine(Shared, "media/videos/long_talking_loop_101s.mp4");
        var watch = Stopwatch.StartNew();
        var (code, stdout, stderr) = await RunAsync("dotnet", [Dll, "enroll", clip, "--json"], runtime.Path);
        if (code != 0) { throw new InvalidOperationException($"enroll failed: {stderr}"); }
        using JsonDocument result = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        double video = result.RootElement.GetProperty("videoSeconds").GetDouble();
        double elapsed = result.RootElement.GetProperty("elapsedSeconds").GetDouble();
        Print($"enrollment of {video:0.0} s of video (pipeline time)", elapsed, "s");
        Print("enrollment seconds per video second", elapsed / video, "s/s");
        Print("whole command incl. process start", watch.Elapsed.TotalSeconds, "s");
        foreach (JsonProperty stage in result.RootElement.GetProperty("stages").EnumerateObject())
        {
            Print($"  stage {stage.Name}", stage.Value.GetDouble(), "s");
        }
    }

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "pixelholo.dll");

    private static Process Start(string runtime, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (string a in arguments) { info.ArgumentList.Add(a); }
        info.Environment["PIXELHOLO_RUNTIME_DIR"] = runtime;
        info.Environment["PIXELHOLO_Runtime__ModelsDirectory"] = Models;
        info.Environment["PIXELHOLO_Llm__AutoStart"] = "false";
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int Code, string StdOut, string StdErr)> RunAsync(string tool, string[] arguments, string? runtime = null)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) { info.ArgumentList.Add(a); }
        if (runtime is not null)
        {
            info.Environment["PIXELHOLO_RUNTIME_DIR"] = runtime;
            info.Environment["PIXELHOLO_Runtime__ModelsDirectory"] = Models;
        }
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static void Print(string what, double value, string unit, double? second = null) =>
        Console.WriteLine(second is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{what}: {value:0.000} / {s:0.000} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{what}: {value:0.000} {unit}"));

    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pixelholo-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
