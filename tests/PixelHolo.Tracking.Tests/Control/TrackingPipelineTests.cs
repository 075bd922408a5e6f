using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Tracking;
using PixelHolo.Core.Vision;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Visca;
using PixelHolo.Tracking.Serial;
using PixelHolo.Tracking.Tests.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace PixelHolo.Tracking.Tests.Control;

public sealed class TrackingPipelineTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task RunAsync_PausedWhileFaceOffCentre_SendsOnlyStopAndReportsPaused()
    {
        (IFaceDetector detector, ServiceProvider services) = Detector();
        await using var _ = services;
        IReadOnlyList<byte[]> frames = await CropCamera.DecodeAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), 2, 1, 960, 540);
        var camera = new CropCamera(frames, 960, 540, 480, 360, () => (200, 27)); // face right of centre
        var link = new RecordingLink();
        var status = new TrackingStatusBoard(TimeProvider.System);
        var pipeline = new TrackingPipeline(detector, new ViscaProtocol(), new TrackingOptions(), TimeProvider.System, status, () => true, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var observer = new StopAfter(10, cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(camera, link, observer, cts.Token));

        Assert.All(link.Sent, bytes => Assert.Equal("81 01 06 01 01 01 03 03 FF", MountProtocols.Hex(bytes)));
        Assert.Equal(2, link.Sent.Count); // one stop while paused, one on shutdown
        Assert.Equal(TrackingState.Paused, status.Current.State);
        Assert.True(status.Current.FaceSeen);
    }

    [Fact]
    public async Task RunAsync_MountNotConnected_ResendsTheWantedCommandOnceItIsBack()
    {
        (IFaceDetector detector, ServiceProvider services) = Detector();
        await using var _ = services;
        IReadOnlyList<byte[]> frames = await CropCamera.DecodeAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), 2, 1, 960, 540);
        var camera = new CropCamera(frames, 960, 540, 480, 360, () => (200, 27));
        var link = new RecordingLink { IsConnected = false };
        var status = new TrackingStatusBoard(TimeProvider.System);
        var pipeline = new TrackingPipeline(detector, new ViscaProtocol(), new TrackingOptions(), TimeProvider.System, status, () => false, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var observer = new StopAfter(16, cts, onFrame: index =>
        {
            if (index == 5) { Assert.False(status.Current.MountConnected); }
            if (index == 8) { link.IsConnected = true; }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(camera, link, observer, cts.Token));

        Assert.True(link.Sent.Count >= 2, $"{link.Sent.Count} commands");
        Assert.Equal(0x02, link.Sent[0][6]); // pan right, sent once the mount was back
        Assert.True(status.Current.MountConnected);
    }

    [Fact]
    public async Task RunAsync_FaceMovingEveryFrame_CommandsAtLeastOneIntervalApartOnTheLoopsClock()
    {
        // Arrange: the face slides 10 px a frame, so the proportional speed (and the wanted command) changes nearly every
        // frame; frames come every 33 ms on a fake clock, so the 10-per-second limit must hold back most of them.
        (IFaceDetector detector, ServiceProvider services) = Detector();
        await using var _ = services;
        IReadOnlyList<byte[]> frames = await CropCamera.DecodeAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), 2, 1, 960, 540);
        var clock = new FakeTimeProvider();
        int frame = 0;
        var camera = new CropCamera(frames, 960, 540, 480, 360, () => (480 - (10 * frame++), 27), clock);
        var link = new RecordingLink();
        var options = new TrackingOptions();
        var pipeline = new TrackingPipeline(detector, new ViscaProtocol(), options, clock, new TrackingStatusBoard(clock), () => false, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sentAt = new List<long>();
        var observer = new StopAfter(36, cts, onStep: step => { if (step.Sent is not null) { sentAt.Add(step.Timestamp); } });

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(camera, link, observer, cts.Token));

        // Assert
        TimeSpan interval = TimeSpan.FromSeconds(1.0 / options.MaxCommandsPerSecond);
        Assert.True(sentAt.Count >= 6, $"only {sentAt.Count} commands in 36 frames of a moving face");
        TimeSpan[] gaps = [.. sentAt.Zip(sentAt.Skip(1), clock.GetElapsedTime)];
        Assert.All(gaps, gap => Assert.True(gap >= interval, $"two commands {gap.TotalMilliseconds:F0} ms apart (limit {options.MaxCommandsPerSecond} per second)"));
        Assert.Contains(gaps, gap => gap < interval + interval); // held back, not starved: the newest waiting command goes at its turn
    }

    private (IFaceDetector, ServiceProvider) Detector()
    {
        ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>());
        return (services.GetRequiredService<IFaceDetector>(), services);
    }

    private sealed class RecordingLink : IMountLink
    {
        public List<byte[]> Sent { get; } = [];

        public bool IsConnected { get; set; } = true;

        public string PortDescription => "test";

        public void Start()
        {
        }

        public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            if (!IsConnected) { return ValueTask.FromResult(false); }
            Sent.Add(bytes.ToArray());
            return ValueTask.FromResult(true);
        }
    }

    private sealed class StopAfter(int frames, CancellationTokenSource cancel, Action<long>? onFrame = null, Action<TrackingStep>? onStep = null) : ITrackingObserver
    {
        public ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken)
        {
            onFrame?.Invoke(step.Frame.Index);
            onStep?.Invoke(step);
            if (step.Frame.Index + 1 >= frames) { cancel.Cancel(); }
            return ValueTask.CompletedTask;
        }
    }
}
