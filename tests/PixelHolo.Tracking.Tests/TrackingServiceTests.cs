using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Tracking;

namespace PixelHolo.Tracking.Tests;

public sealed class TrackingServiceTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task ExecuteAsync_NoCamera_WarnsOnceAndShowsWhyOnTheStatusPage()
    {
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:Camera:Source"] = "/dev/video-missing",
            ["Tracking:Serial:Ports:0"] = "/nonexistent/ttyUSB9",
        });
        var service = (BackgroundService)services.GetServices<IHostedService>().Single(s => s is TrackingService);

        await service.StartAsync(default);
        await service.ExecuteTask!;

        TrackingSnapshot status = services.GetRequiredService<ITrackingStatus>().Current;
        Assert.Equal(TrackingState.Off, status.State);
        Assert.Contains("No camera at /dev/video-missing", status.Reason, StringComparison.Ordinal);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Face tracking is off", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Tracking:Camera:Source", warning.Message, StringComparison.Ordinal);
        await service.StopAsync(default);
    }

    [Fact]
    public async Task ExecuteAsync_Disabled_StaysOffWithoutWarning()
    {
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?> { ["Tracking:Enabled"] = "false" });
        var service = services.GetRequiredService<TrackingService>();

        await service.StartAsync(default);
        await service.ExecuteTask!;

        Assert.Equal("Tracking:Enabled is false.", services.GetRequiredService<ITrackingStatus>().Current.Reason);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task OnStageChanged_Speaking_PausesOnlyWhenConfigured(bool pauseWhileSpeaking, bool expectPaused)
    {
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:PauseWhileSpeaking"] = pauseWhileSpeaking.ToString(),
        });
        IStageObserver observer = Assert.Single(services.GetServices<IStageObserver>());
        var engine = services.GetRequiredService<TrackingEngine>();

        observer.OnStageChanged(new StageEvent(StageState.Speaking, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(expectPaused, engine.Paused);
        observer.OnStageChanged(new StageEvent(StageState.Listening, null, DateTimeOffset.UnixEpoch));
        Assert.False(engine.Paused);
    }
}
