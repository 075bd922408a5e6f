using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Tracking;
using PixelHolo.TestSupport;

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
    public async Task ExecuteAsync_CameraGoneWhileTracking_StopsTheMountAndShowsWhyOnTheStatusPage()
    {
        // An IP camera: a real ffmpeg process serving a talking head as MPEG-TS over HTTP on a free loopback port.
        int port = FreeLoopbackPort();
        var camera = TestProcess.Start(TestProcess.Info("ffmpeg", ["-v", "error", "-re", "-stream_loop", "-1", "-i", SharedMedia.Path("videos/talking_address_hdtf_8s.mp4"),
            "-an", "-c:v", "mpeg2video", "-q:v", "5", "-f", "mpegts", "-listen", "1", $"http://127.0.0.1:{port}/camera.ts"]));
        try
        {
            await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
            {
                ["Tracking:Camera:Source"] = $"http://127.0.0.1:{port}/camera.ts",
                ["Tracking:Serial:Ports:0"] = "/nonexistent/ttyUSB9",
            });
            var service = (BackgroundService)services.GetServices<IHostedService>().Single(s => s is TrackingService);
            var faceFound = new EventWaiter(() => _logs.Entries.Any(e => e.Message.StartsWith("Face found", StringComparison.Ordinal)));
            _logs.Logged += faceFound.Check;

            await service.StartAsync(default);
            await faceFound.WaitAsync(TimeSpan.FromMinutes(2), "tracking found the face in the camera's stream");
            Assert.NotEqual(TrackingState.Off, services.GetRequiredService<ITrackingStatus>().Current.State);
            camera.Dispose(); // the camera is gone: its process killed, the stream cut mid-frame
            await service.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));

            TrackingSnapshot status = services.GetRequiredService<ITrackingStatus>().Current;
            Assert.Equal(TrackingState.Off, status.State);
            Assert.False(string.IsNullOrWhiteSpace(status.Reason));
            var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Face tracking", StringComparison.Ordinal));
            Assert.Contains($"127.0.0.1:{port}", warning.Message, StringComparison.Ordinal);
            Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Tracking stopped; sent stop", StringComparison.Ordinal));
            await service.StopAsync(default);
        }
        finally
        {
            camera.Dispose();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
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
