using System.CommandLine;
using System.Globalization;
using System.IO.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Tracking;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Serial;
using PixelHolo.Tracking.Simulation;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo mount-sim --protocol visca|pelco-d|text --port DEV</c>: a simulated pan/tilt mount on a serial
/// device (one end of a socat pty pair), for tests and demos without hardware.</summary>
internal static class MountSimCommand
{
    public static Command Create()
    {
        var protocol = new Option<string>("--protocol") { Description = "Protocol to speak: visca, pelco-d or text.", Required = true };
        var port = new Option<string>("--port") { Description = "Serial device to serve, e.g. one end of `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`.", Required = true };
        var command = new Command("mount-sim", "Simulate a pan/tilt mount: integrate speed commands into angles, answer ACK/completion and position inquiries.");
        command.Options.Add(protocol);
        command.Options.Add(port);
        command.SetAction((parse, ct) => CliHost.RunAsync(c => RunAsync(parse.GetValue(protocol)!, parse.GetValue(port)!, c), ct));
        return command;
    }

    private static async Task<int> RunAsync(string protocolName, string portName, CancellationToken cancellationToken)
    {
        if (!MountProtocols.Names.Contains(protocolName.ToLowerInvariant()))
        {
            throw new CliInputException($"Unknown protocol '{protocolName}'. Use one of: {string.Join(", ", MountProtocols.Names)}.");
        }
        if (!File.Exists(portName))
        {
            throw new CliInputException($"No serial device {portName}. Make a pty pair first: socat -d -d pty,raw,echo=0,link=/tmp/mount pty,raw,echo=0,link=/tmp/camera");
        }
        using var host = CliHost.Build(new Dictionary<string, string?> { ["Tracking:Protocol"] = protocolName }, LogLevel.Warning);
        TrackingOptions tracking = host.Services.GetRequiredService<IOptions<TrackingOptions>>().Value;
        SerialOptions serial = host.Services.GetRequiredService<IOptions<SerialOptions>>().Value;
        var time = host.Services.GetRequiredService<TimeProvider>();
        IMountProtocol protocol = MountProtocols.Create(protocolName, tracking.Address, (float)tracking.TextMaxDegreesPerSecond);
        var mount = new SimulatedMount(time, protocol.Name == "text" ? (float)tracking.TextMaxDegreesPerSecond : SimulatedMount.DefaultMaxDegreesPerSecond);
        var simulator = new MountSimulator(protocol, mount, host.Services.GetRequiredService<ILogger<MountSimulator>>());
        long started = time.GetTimestamp();
        simulator.CommandReceived += (bytes, received) =>
        {
            (float pan, float tilt) = mount.Position;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{time.GetElapsedTime(started).TotalSeconds,7:F2}s received {MountProtocols.Hex(bytes)} = {received?.ToString() ?? "not understood"}; pan {pan:F1}°, tilt {tilt:F1}°"));
        };
        using var port = new SerialPort(portName, serial.BaudRate, Parity.None, 8, StopBits.One);
        try { port.Open(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw MountConnectionException.From(portName, ex);
        }
        Console.WriteLine($"Simulated {protocol.Name} mount on {portName} ({serial.BaudRate} baud 8N1). Ctrl+C to stop.");
        // A pending read on a serial port does not observe the token on Linux, so stop waiting for it on Ctrl+C;
        // disposing the port (below) ends it.
        Task serving = simulator.RunAsync(port.BaseStream, cancellationToken);
        Task stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        if (await Task.WhenAny(serving, stopped) == serving)
        {
            try { await serving; }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM while a read was pending: the normal way to stop.
            }
            catch (IOException ex)
            {
                // socat ends the pty pair when the controller's end closes; a real port reports an unplugged adapter.
                Console.WriteLine($"The serial device {portName} went away ({ex.Message}).");
            }
        }
        (float finalPan, float finalTilt) = mount.Position;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopped at pan {finalPan:F1}°, tilt {finalTilt:F1}°."));
        return ExitCodes.Ok;
    }
}
