using Microsoft.Extensions.Logging;
using PixelHolo.Tracking.Protocols;

namespace PixelHolo.Tracking.Simulation;

/// <summary>Speaks a mount protocol on a stream (one end of a pseudo-terminal pair): decodes each command, moves the
/// <see cref="SimulatedMount"/>, and answers as the real device would (VISCA ACK + completion, position replies).</summary>
internal sealed partial class MountSimulator(IMountProtocol protocol, SimulatedMount mount, ILogger logger)
{
    /// <summary>Raised for each message received: its bytes and the command (null when not understood).</summary>
    public event Action<byte[], MountCommand?>? CommandReceived;

    public SimulatedMount Mount => mount;

    /// <summary>Serves until the stream ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        IFrameSplitter splitter = protocol.CreateSplitter();
        byte[] buffer = new byte[256];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0) { return; }
            IReadOnlyList<byte[]> frames = splitter.Push(buffer.AsSpan(0, read), out int discarded);
            foreach (byte[] frame in frames)
            {
                MountCommand? command = protocol.DecodeCommand(frame);
                Apply(command);
                (float pan, float tilt) = mount.Position;
                LogCommand(logger, MountProtocols.Hex(frame), command?.ToString() ?? "not understood", pan, tilt);
                CommandReceived?.Invoke(frame, command);
                foreach (byte[] reply in protocol.EncodeReplies(command, pan, tilt))
                {
                    await stream.WriteAsync(reply, cancellationToken);
                }
                await stream.FlushAsync(cancellationToken);
            }
            if (discarded > 0) { LogGarbage(logger, discarded); }
        }
    }

    private void Apply(MountCommand? command)
    {
        switch (command)
        {
            case { Kind: MountCommandKind.Drive } drive: mount.Drive(drive.Pan, drive.Tilt); break;
            case { Kind: MountCommandKind.Stop }: mount.Drive(0, 0); break;
            case { Kind: MountCommandKind.Home } home: mount.MoveTo(0, 0, home.Speed); break;
            case { Kind: MountCommandKind.GoTo } goTo: mount.MoveTo(goTo.Pan, goTo.Tilt, goTo.Speed); break;
            default: break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Received [{Hex}] = {Command}; now at pan {Pan:F1}°, tilt {Tilt:F1}°")]
    private static partial void LogCommand(ILogger logger, string hex, string command, float pan, float tilt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Count} stray bytes")]
    private static partial void LogGarbage(ILogger logger, int count);
}
