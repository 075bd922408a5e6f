using System.Globalization;
using System.IO.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Control;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Visca;
using PixelHolo.Tracking.Simulation;
using PixelHolo.Tracking.Tests.Simulation;
using Xunit.Abstractions;
using static PixelHolo.Tracking.Tests.Serial.SerialMountLinkTests;

namespace PixelHolo.Tracking.Tests;

/// <summary>The whole loop with real parts: ffmpeg camera or synthetic camera over real frames, the BlazeFace model,
/// a socat pty pair, and the simulated mount on the far end.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TrackingEngineTests(ITestOutputHelper output) : IDisposable
{
    private const double ClipFramesPerSecond = 30;
    private readonly ListLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task RunAsync_FaceSlidesRightCentreLeftCentre_PanFollowsStopsWhenCentredWithinRateLimit()
    {
        // Arrange: a 640×480 window slides over a real 1280×720 clip so the face is right (window x 219), centred
        // (419), left (619), centred again; the face's centre is near x 739, y 276 in the clip.
        using var temp = new TempDirectory("moving-face");
        string moving = temp.File("moving.mp4");
        const string X = "if(lt(t,1.5),219,if(lt(t,2),219+(t-1.5)*400,if(lt(t,3),419,if(lt(t,3.5),419+(t-3)*400,if(lt(t,5),619,if(lt(t,5.5),619-(t-5)*400,419))))))";
        await TestProcess.FfmpegAsync("-i", SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), "-t", "6.2",
            "-vf", $"crop=640:480:x='{X}':y=36", "-an", "-c:v", "libx264", "-preset", "ultrafast", moving);
        using PtyPair pty = await PtyPair.StartAsync();
        using SerialPort mountEnd = Open(pty.B);
        var simulator = new MountSimulator(new ViscaProtocol(), new SimulatedMount(TimeProvider.System), _logs.CreateLogger<MountSimulator>());
        var wire = new List<byte[]>();
        Recorder? recorder = null;
        var wireCarriedAll = new EventWaiter(() => { lock (wire) { return recorder is { Finished: true } r && wire.Count >= r.Sent.Count + 1; } });
        simulator.CommandReceived += (bytes, _) =>
        {
            lock (wire) { wire.Add(bytes); }
            wireCarriedAll.Check();
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var simulatorStop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task serving = simulator.RunAsync(mountEnd.BaseStream, simulatorStop.Token);
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:Camera:Source"] = moving,
            ["Tracking:Serial:Ports:0"] = pty.A,
            ["Tracking:Protocol"] = "visca",
        });
        var engine = services.GetRequiredService<TrackingEngine>();
        recorder = new Recorder(stopAtFrame: (int)(6.0 * ClipFramesPerSecond), cts);

        // Act
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(engine.CreateCamera(), recorder, cts.Token));
        lock (wire) { recorder.Finished = true; }

        // Assert
        foreach (var s in recorder.Sent) { output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Frame / ClipFramesPerSecond:F2}s {s.Command} {MountProtocols.Hex(s.Bytes)}")); }
        Assert.True(recorder.FramesWithFace > recorder.Frames * 0.9, $"a face in only {recorder.FramesWithFace} of {recorder.Frames} frames");
        Assert.Equal(0x02, recorder.LastSentBefore(1.4).Bytes[6]);                  // face right → pan right
        Assert.Equal(MountCommand.Stop, recorder.LastSentBefore(2.9).Command);      // centred → stop
        Assert.Equal(0x01, recorder.LastSentBefore(4.9).Bytes[6]);                  // face left → pan left
        Assert.Equal(MountCommand.Stop, recorder.LastSentBefore(5.9).Command);      // centred again → stop
        // The rate limit is checked on a fake clock (TrackingPipelineTests), not on this run's system clock.
        Assert.DoesNotContain(recorder.Sent.Zip(recorder.Sent.Skip(1)), p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes));
        await wireCarriedAll.WaitAsync(TimeSpan.FromSeconds(10), "the wire carried every command");
        lock (wire)
        {
            Assert.Equal(recorder.Sent.Select(s => MountProtocols.Hex(s.Bytes)), wire.Take(recorder.Sent.Count).Select(b => MountProtocols.Hex(b)));
            Assert.Equal("81 01 06 01 01 01 03 03 FF", MountProtocols.Hex(wire[^1])); // stop on shutdown
        }
        await simulatorStop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }

    [Fact]
    public async Task RunAsync_ClosedLoopFaceOffCentre_CentresItAndStopsWithoutOscillating()
    {
        // Arrange: the camera's window over a real clip (960×540) moves 8 px per degree of the simulated head.
        IReadOnlyList<byte[]> clip = await CropCamera.DecodeAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), 2, 10, 960, 540);
        using PtyPair pty = await PtyPair.StartAsync();
        using SerialPort mountEnd = Open(pty.B);
        var mount = new SimulatedMount(TimeProvider.System);
        mount.Place(pan: -20, tilt: -8); // face right of and above centre
        var simulator = new MountSimulator(new ViscaProtocol(), mount, _logs.CreateLogger<MountSimulator>());
        const float PixelsPerDegree = 8;
        var camera = new CropCamera(clip, 960, 540, 480, 360, () =>
        {
            (float pan, float tilt) = mount.Position;
            return ((int)(314 + (pan * PixelsPerDegree)), (int)(27 - (tilt * PixelsPerDegree))); // pan right → view right; tilt up → view up
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var simulatorStop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task serving = simulator.RunAsync(mountEnd.BaseStream, simulatorStop.Token);
        await using ServiceProvider services = TrackingTestHost.Build(_logs, new Dictionary<string, string?>
        {
            ["Tracking:Serial:Ports:0"] = pty.A,
            ["Tracking:Protocol"] = "visca",
        });
        var engine = services.GetRequiredService<TrackingEngine>();
        var recorder = new Recorder(stopAtFrame: int.MaxValue, cts, settledFrames: 30, deadZone: (0.06, 0.08));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        limit.CancelAfter(TimeSpan.FromSeconds(15));

        // Act: run until the face has sat still in the dead zone for 30 frames with the mount stopped (or 15 s).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.RunAsync(camera, recorder, limit.Token));

        // Assert
        foreach (var s in recorder.Sent) { output.WriteLine($"frame {s.Frame}: {s.Command} {MountProtocols.Hex(s.Bytes)}"); }
        Assert.True(recorder.Settled, $"not settled after {recorder.Frames} frames; mount at {mount.Position}");
        Assert.True(recorder.Sent[0].Command.Pan > 0 && recorder.Sent[0].Command.Tilt > 0, $"first command {recorder.Sent[0].Command}");
        Assert.Equal(MountCommand.Stop, recorder.Sent[^1].Command);
        Assert.Equal(0, Reversals(recorder.Sent.Select(s => s.Command.Pan)));
        Assert.True(Reversals(recorder.Sent.Select(s => s.Command.Tilt)) == 0, "tilt reversed direction");
        (float finalPan, float finalTilt) = mount.Position;
        Assert.InRange(finalPan, -6f, 6f);   // the face's centre sits within a few degrees of the head's zero
        Assert.InRange(finalTilt, -6f, 6f);
        Assert.Equal((0f, 0f), mount.Speeds); // stopped, not drifting
        await simulatorStop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }

    private static int Reversals(IEnumerable<float> speeds)
    {
        int reversals = 0, last = 0;
        foreach (int sign in speeds.Select(Math.Sign).Where(s => s != 0))
        {
            if (last != 0 && sign != last) { reversals++; }
            last = sign;
        }
        return reversals;
    }

    /// <summary>Records what the loop did per frame; cancels at a frame, or once the face has settled.</summary>
    private sealed class Recorder(int stopAtFrame, CancellationTokenSource cancel, int settledFrames = 0, (double X, double Y)? deadZone = null)
        : ITrackingObserver
    {
        private int _stillFrames;

        public List<(long Frame, MountCommand Command, byte[] Bytes, long Timestamp)> Sent { get; } = [];

        public int Frames { get; private set; }

        /// <summary>Set once the loop has returned, so <see cref="Sent"/> no longer grows.</summary>
        public bool Finished { get; set; }

        public int FramesWithFace { get; private set; }

        public bool Settled { get; private set; }

        public (long Frame, MountCommand Command, byte[] Bytes, long Timestamp) LastSentBefore(double clipSeconds) =>
            Sent.Last(s => s.Frame / ClipFramesPerSecond <= clipSeconds);

        public ValueTask OnFrameAsync(TrackingStep step, CancellationToken cancellationToken)
        {
            Frames++;
            if (step.Target is not null) { FramesWithFace++; }
            if (step.Sent is { } sent) { Sent.Add((step.Frame.Index, sent, step.SentBytes!, step.Timestamp)); }
            if (deadZone is { } zone && step.Target is { } face)
            {
                bool centred = Math.Abs((face.CenterX / step.Frame.Width) - 0.5) <= zone.X && Math.Abs((face.CenterY / step.Frame.Height) - 0.5) <= zone.Y;
                bool stopped = Sent.Count > 0 && Sent[^1].Command == MountCommand.Stop;
                _stillFrames = centred && stopped ? _stillFrames + 1 : 0;
                if (_stillFrames >= settledFrames && !Settled)
                {
                    Settled = true;
                    cancel.Cancel();
                }
            }
            if (step.Frame.Index >= stopAtFrame) { cancel.Cancel(); }
            return ValueTask.CompletedTask;
        }
    }
}
