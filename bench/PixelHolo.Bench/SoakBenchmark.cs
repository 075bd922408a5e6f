using System.Globalization;
using PixelHolo.TestSupport;
using PixelHolo.Web.Tests.Load;

namespace PixelHolo.Bench;

/// <summary><c>bench soak [--minutes N] [--stages N] [--status-per-second N]</c>: the full load and soak of issue 15, item 6 —
/// 20 stages conversing back to back and 50 GET /api/status a second against the real server on loopback with instant
/// engines, for 10 minutes by default; prints progress every 30 s, then the figures for docs/benchmarks.md. Stops by itself.
/// The shortened form runs in CI as <c>StageSoakTests</c>.</summary>
internal static class SoakBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        double minutes = Option(args, "--minutes", 10, 0.1, 60);
        int stages = (int)Option(args, "--stages", 20, 1, 200);
        int statusPerSecond = (int)Option(args, "--status-per-second", 50, 0, 1000);
        using var runtime = new TempDirectory("pixelholo-soak");
        Console.WriteLine(string.Create(c, $"soak: {stages} stages, {statusPerSecond} status requests/s, {minutes:0.##} min on loopback; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start"));
        SoakReport report = await StageSoak.RunAsync(new SoakPlan(stages, TimeSpan.FromMinutes(minutes), statusPerSecond, runtime.Path, RepoPaths.ModelsDirectory)
        {
            Progress = Console.Out,
        });
        Console.WriteLine(report.Summary());
        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (report.Errors.Count > 0) { Environment.ExitCode = 1; }
    }

    private static double Option(string[] args, string name, double fallback, double min, double max)
    {
        int at = Array.IndexOf(args, name);
        if (at < 0) { return fallback; }
        if (at + 1 >= args.Length || !double.TryParse(args[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} needs a number from {min} to {max} (got '{(at + 1 < args.Length ? args[at + 1] : "")}'). Example: bench soak --minutes 10 --stages 20.");
        }
        return value;
    }
}
