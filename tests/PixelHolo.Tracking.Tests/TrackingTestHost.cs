using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Processes;
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
        services.AddFfmpegTools();
        services.AddTracking();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

}

/// <summary>Completes once <paramref name="condition"/> holds, checked whenever the event the test watches fires
/// (<see cref="Check"/> from its handler), never by polling or sleeping.</summary>
internal sealed class EventWaiter(Func<bool> condition)
{
    private readonly TaskCompletionSource _met = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Check()
    {
        if (condition()) { _met.TrySetResult(); }
    }

    /// <summary>Waits for the condition; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, string what)
    {
        Check();
        try { await _met.Task.WaitAsync(timeout); }
        catch (TimeoutException) { Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {what}."); }
    }
}
