using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Media;
using PixelHolo.TestSupport;

namespace PixelHolo.Tracking.Tests;

/// <summary>The real tracking services (real BlazeFace model, real serial ports) from configuration, as the CLI builds them.</summary>
internal static class TrackingTestHost
{
    public static ServiceProvider Build(ListLoggerProvider logs, IDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Runtime:ModelsDirectory"] = RepoPaths.ModelsDirectory,
            ["Inference:Device"] = "cpu",
            ["Tracking:Serial:RetryInterval"] = "00:00:00.2",
        };
        foreach (var (key, value) in settings) { values[key] = value; }
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddInference();
        services.AddFaceDetection();
        services.AddFfmpeg();
        services.AddTracking();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try { await Task.Delay(20, cts.Token); }
            catch (OperationCanceledException) { Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {what}."); }
        }
    }
}
