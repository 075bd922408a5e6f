using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Tracking;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Visca;
using PixelHolo.Tracking.Simulation;

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
    public async Task ExecuteAsync_CameraGoneWhileTracking_GoesOffAndShowsWhyOnTheStatusPage()
    {
        await using var camera = IpCamera.Start(SharedMedia.Path("videos/talking_address_hdtf_8s.mp4"));
        string url = camera.Url;
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:Camera:Source"] = url,
            ["Tracking:Serial:Ports:0"] = "/nonexistent/ttyUSB9",
        });
        var service = (BackgroundService)services.GetServices<IHostedService>().Single(s => s is TrackingService);
        var faceFound = new EventWaiter(() => _logs.Entries.Any(e => e.Message.StartsWith("Face found", StringComparison.Ordinal)));
        _logs.Logged += faceFound.Check;

        await service.StartAsync(default);
        await faceFound.WaitAsync(TimeSpan.FromMinutes(2), $"tracking found the face in the camera's stream (log: {string.Join(" | ", _logs.Entries.Select(e => e.Message))})");
        Assert.NotEqual(TrackingState.Off, services.GetRequiredService<ITrackingStatus>().Current.State);
        await camera.UnplugAsync(); // the camera is gone: its encoder killed, the connection cut mid-stream
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));

        TrackingSnapshot status = services.GetRequiredService<ITrackingStatus>().Current;
        Assert.Equal(TrackingState.Off, status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Face tracking", StringComparison.Ordinal));
        Assert.Contains(url, warning.Message, StringComparison.Ordinal);
        await service.StopAsync(default);
    }

    /// <summary>As above with a mount attached (a socat pty pair and the VISCA mount simulator on its far end): while the face
    /// is followed the mount turns; when the camera goes the mount is told to stop and nothing drives it afterwards.</summary>
    [Fact]
    public async Task ExecuteAsync_CameraGoneWhileTrackingWithAMount_TheMountIsStoppedAndNotDrivenAgain()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        using System.IO.Ports.SerialPort mountEnd = Serial.SerialMountLinkTests.Open(pty.B);
        var mount = new SimulatedMount(TimeProvider.System);
        var simulator = new MountSimulator(new ViscaProtocol(), mount, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var received = new System.Collections.Concurrent.ConcurrentQueue<MountCommand>();
        var turning = new EventWaiter(() => received.Any(c => c.Kind == MountCommandKind.Drive && (c.Pan != 0 || c.Tilt != 0)));
        bool unplugged = false;
        var stoppedAfterUnplug = new EventWaiter(() => Volatile.Read(ref unplugged) && received.LastOrDefault().Kind == MountCommandKind.Stop);
        simulator.CommandReceived += (_, command) =>
        {
            if (command is { } c) { received.Enqueue(c); }
            turning.Check();
            stoppedAfterUnplug.Check();
        };
        using var simulating = new CancellationTokenSource();
        Task serving = simulator.RunAsync(mountEnd.BaseStream, simulating.Token);
        await using var camera = IpCamera.Start(SharedMedia.Path("videos/talking_address_hdtf_8s.mp4"));
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:Camera:Source"] = camera.Url,
            ["Tracking:Serial:Ports:0"] = pty.A,
            // No dead zone: any offset of the face turns the mount, so it is surely moving when the camera goes.
            ["Tracking:DeadZoneX"] = "0",
            ["Tracking:DeadZoneY"] = "0",
            ["Tracking:MaxSpeed"] = "1",
        });
        var service = (BackgroundService)services.GetServices<IHostedService>().Single(s => s is TrackingService);

        await service.StartAsync(default);
        await turning.WaitAsync(TimeSpan.FromMinutes(2), $"the mount was driven (log: {string.Join(" | ", _logs.Entries.Select(e => e.Message))})");
        Assert.NotEqual((0f, 0f), mount.Speeds);
        Volatile.Write(ref unplugged, true);
        await camera.UnplugAsync();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1));
        await stoppedAfterUnplug.WaitAsync(TimeSpan.FromMinutes(1), $"the mount got a stop after the camera went (it got: {string.Join(", ", received)})");

        Assert.Equal((0f, 0f), mount.Speeds); // held where it is, not turning
        Assert.Equal(TrackingState.Off, services.GetRequiredService<ITrackingStatus>().Current.State);
        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Tracking stopped; sent stop", StringComparison.Ordinal));
        await service.StopAsync(default);
        // Nothing more reaches the mount once tracking has ended (the service's link is closed).
        MountCommand last = received.Last();
        Assert.Equal(MountCommandKind.Stop, last.Kind);
        await simulating.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
        Assert.Equal(MountCommandKind.Stop, received.Last().Kind);
        Assert.Equal((0f, 0f), mount.Speeds);
    }

    /// <summary>An IP camera on loopback: an HTTP listener (port 0, listening before anyone connects) that answers each
    /// request with a live MPEG-TS stream from a real ffmpeg encoder reading a clip at its own pace. <see cref="UnplugAsync"/>
    /// kills the encoder and cuts the connection, as a camera losing power does.</summary>
    private sealed class IpCamera : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly string _clip;
        private readonly List<System.Diagnostics.Process> _encoders = [];
        private readonly List<System.Net.Sockets.TcpClient> _clients = [];
        private readonly Task _serving;

        private IpCamera(string clip)
        {
            _clip = clip;
            _listener.Start();
            _serving = ServeAsync();
        }

        public string Url => $"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/camera.ts";

        public static IpCamera Start(string clip) => new(clip);

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    System.Net.Sockets.TcpClient client = await _listener.AcceptTcpClientAsync();
                    System.Diagnostics.ProcessStartInfo info = TestProcess.Info("ffmpeg",
                        ["-v", "error", "-re", "-stream_loop", "-1", "-i", _clip, "-an", "-c:v", "mpeg2video", "-q:v", "5", "-f", "mpegts", "pipe:1"]);
                    info.RedirectStandardOutput = true;
                    info.RedirectStandardError = true;
                    var encoder = System.Diagnostics.Process.Start(info)!;
                    lock (_clients) { _clients.Add(client); _encoders.Add(encoder); }
                    _ = StreamAsync(client, encoder);
                }
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException) { } // unplugged
        }

        private static async Task StreamAsync(System.Net.Sockets.TcpClient client, System.Diagnostics.Process encoder)
        {
            try
            {
                System.Net.Sockets.NetworkStream stream = client.GetStream();
                var reader = new StreamReader(stream, leaveOpen: true);
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { } // the request's head
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\nConnection: close\r\n\r\n"u8.ToArray());
                _ = encoder.StandardError.ReadToEndAsync();
                await encoder.StandardOutput.BaseStream.CopyToAsync(stream);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException) { } // unplugged
        }

        public Task UnplugAsync()
        {
            _listener.Stop();
            lock (_clients)
            {
                foreach (System.Diagnostics.Process encoder in _encoders) { if (!encoder.HasExited) { encoder.Kill(entireProcessTree: true); } }
                foreach (System.Net.Sockets.TcpClient client in _clients) { client.Dispose(); }
            }
            return _serving;
        }

        public async ValueTask DisposeAsync()
        {
            await UnplugAsync();
            lock (_clients) { foreach (System.Diagnostics.Process encoder in _encoders) { encoder.Dispose(); } }
        }
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
