using System.IO.Ports;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Text;
using PixelHolo.Tracking.Protocols.Visca;
using PixelHolo.Tracking.Simulation;
using static PixelHolo.Tracking.Tests.Protocols.Visca.ViscaProtocolTests;
using static PixelHolo.Tracking.Tests.Serial.SerialMountLinkTests;

namespace PixelHolo.Tracking.Tests.Simulation;

public sealed class MountSimulatorTests
{
    [Fact]
    public async Task RunAsync_ViscaDriveThenInquiry_AcksAndReportsTheIntegratedAngle()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        using SerialPort simulatorEnd = Open(pty.B);
        using SerialPort controller = Open(pty.A);
        var clock = new FakeTimeProvider();
        var simulator = new MountSimulator(new ViscaProtocol(), new SimulatedMount(clock), NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task serving = simulator.RunAsync(simulatorEnd.BaseStream, cts.Token);

        await controller.BaseStream.WriteAsync(Bytes("81 01 06 01 18 01 02 03 FF"), cts.Token); // pan right at top speed
        Assert.Equal(Bytes("90 41 FF 90 51 FF"), await ReadAsync(controller, 6)); // the simulator replies after applying
        clock.Advance(TimeSpan.FromMilliseconds(300));
        await controller.BaseStream.WriteAsync(Bytes("81 01 06 01 01 01 03 03 FF 81 09 06 12 FF"), cts.Token); // stop, then ask
        Assert.Equal(Bytes("90 41 FF 90 51 FF"), await ReadAsync(controller, 6));
        MountReply position = new ViscaProtocol().DecodeReply(await ReadAsync(controller, 11));

        Assert.Equal(MountReplyKind.Position, position.Kind);
        Assert.InRange(position.PanDegrees, 17.5f, 18.5f); // 60°/s for 0.3 s of the mount's clock (VISCA positions are coarse)
        Assert.Equal(0f, position.TiltDegrees, 1);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }

    [Fact]
    public async Task RunAsync_TextProtocol_AnswersOkErrAndPosition()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        using SerialPort simulatorEnd = Open(pty.B);
        using SerialPort controller = Open(pty.A);
        var mount = new SimulatedMount(TimeProvider.System);
        mount.Place(12.5f, -3f);
        var simulator = new MountSimulator(new TextProtocol(), mount, NullLogger.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task serving = simulator.RunAsync(simulatorEnd.BaseStream, cts.Token);

        await controller.BaseStream.WriteAsync("STOP\nJUMP\nPOS?\n"u8.ToArray(), cts.Token);
        string replies = Encoding.ASCII.GetString(await ReadAsync(controller, "OK\nERR unknown command\nPOS 12.5 -3.0\n".Length));

        Assert.Equal("OK\nERR unknown command\nPOS 12.5 -3.0\n", replies);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }

    [Fact]
    public void Drive_TextPanLineOnly_KeepsTheTiltSpeed()
    {
        var time = new ManualTimeProvider();
        var mount = new SimulatedMount(time, maxDegreesPerSecond: 10);
        mount.Drive(0, 1);

        mount.Drive(0.5f, float.NaN);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal((10f, 20f), mount.Position);
    }

    [Fact]
    public void MoveTo_Home_ApproachesAtTheGivenSpeedAndStops()
    {
        var time = new ManualTimeProvider();
        var mount = new SimulatedMount(time, maxDegreesPerSecond: 10);
        mount.Place(30, 0);

        mount.MoveTo(0, 0, 0.5f);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(25f, mount.Position.Pan, 3);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal((0f, 0f), mount.Position);
    }
}
