using System.IO.Ports;
using Microsoft.Extensions.Logging;
using PixelHolo.TestSupport;
using PixelHolo.Tracking.Protocols;
using PixelHolo.Tracking.Protocols.Visca;
using PixelHolo.Tracking.Serial;
using static PixelHolo.Tracking.Tests.Protocols.Visca.ViscaProtocolTests;

namespace PixelHolo.Tracking.Tests.Serial;

public sealed class SerialMountLinkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ListLoggerProvider _logs = new();

    public void Dispose() => _logs.Dispose();

    private SerialMountLink CreateLink(params string[] ports) => new(
        new SerialOptions { Ports = [.. ports], RetryInterval = TimeSpan.FromMilliseconds(200) },
        new ViscaProtocol(), TimeProvider.System, _logs.CreateLogger<SerialMountLink>());

    [Fact]
    public async Task SendAsync_Connected_BytesArriveOnTheOtherEnd()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        await using SerialMountLink link = CreateLink(pty.A);
        using SerialPort mount = Open(pty.B);
        link.Start();
        await link.WaitConnectedAsync(Patience, default);

        Assert.True(await link.SendAsync(Bytes("81 01 06 01 18 14 02 01 FF"), default));

        Assert.Equal(Bytes("81 01 06 01 18 14 02 01 FF"), await ReadAsync(mount, 9));
    }

    [Fact]
    public async Task ReplyReceived_ValidRepliesAmidGarbage_ParsesThemAndIgnoresTheMalformedOne()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        await using SerialMountLink link = CreateLink(pty.A);
        var replies = new List<MountReply>();
        var fourParsed = new EventWaiter(() => { lock (replies) { return replies.Count >= 4; } });
        link.ReplyReceived += r =>
        {
            lock (replies) { replies.Add(r); }
            fourParsed.Check();
        };
        using SerialPort mount = Open(pty.B);
        link.Start();
        await link.WaitConnectedAsync(Patience, default);

        byte[] wire = Bytes("12 34 90 41 FF 90 7F FF 90 51 FF 90 60 02 FF");
        await mount.BaseStream.WriteAsync(wire);
        await fourParsed.WaitAsync(Patience, "four replies were parsed");

        Assert.Equal([MountReplyKind.Ack, MountReplyKind.Unknown, MountReplyKind.Completion, MountReplyKind.Error], replies.Select(r => r.Kind));
        Assert.True(link.IsConnected);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("syntax error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unplug_ThenReplug_LogsOnceReconnectsAndSendsAgain()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        await using SerialMountLink link = CreateLink(pty.A);
        link.Start();
        await link.WaitConnectedAsync(Patience, default);

        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        link.ConnectionChanged += connected => { if (!connected) { disconnected.TrySetResult(); } };
        var retriedThrice = new EventWaiter(() => RetriesLogged() >= 3);
        _logs.Logged += retriedThrice.Check;

        await pty.UnplugAsync();
        // A write or the reader notices the hang-up: offer a command as the tracking loop would, then wait for the event.
        await link.SendAsync(Bytes("81 01 06 01 01 01 03 03 FF"), default);
        await disconnected.Task.WaitAsync(Patience);
        Assert.False(await link.SendAsync(Bytes("81 01 06 04 FF"), default));
        await retriedThrice.WaitAsync(Patience, "three retries failed while unplugged");
        await pty.PlugAsync();
        await link.WaitConnectedAsync(Patience, default);
        using SerialPort mount = Open(pty.B);

        Assert.True(await link.SendAsync(Bytes("81 01 06 04 FF"), default));
        Assert.Equal(Bytes("81 01 06 04 FF"), await ReadAsync(mount, 5));
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("disconnected", StringComparison.Ordinal));
        Assert.Equal(2, _logs.Entries.Count(e => e.Message.StartsWith("Mount connected", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_NoSuchPort_StaysDisconnectedAndWarnsOnce()
    {
        await using SerialMountLink link = CreateLink("/nonexistent/ttyUSB9");
        var retriedThrice = new EventWaiter(() => RetriesLogged() >= 3);
        _logs.Logged += retriedThrice.Check;
        link.Start();

        await retriedThrice.WaitAsync(Patience, "three retries failed");

        Assert.False(link.IsConnected);
        Assert.False(await link.SendAsync(Bytes("81 01 06 04 FF"), default));
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("No serial port /nonexistent/ttyUSB9", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Tracking:Serial:Ports", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_PermissionDenied_NamesTheDialoutGroupAndBrltty()
    {
        var error = MountConnectionException.From("/dev/ttyUSB0", new UnauthorizedAccessException("Access to the port '/dev/ttyUSB0' is denied."));

        Assert.Contains("/dev/ttyUSB0", error.Message, StringComparison.Ordinal);
        Assert.Contains("dialout", error.Message, StringComparison.Ordinal);
        Assert.Contains("usermod -aG dialout", error.Message, StringComparison.Ordinal);
        Assert.Contains("brltty", error.Message, StringComparison.Ordinal);
    }

    private int RetriesLogged() => _logs.Entries.Count(e => e.Message.StartsWith("Mount still not connected", StringComparison.Ordinal));

    internal static SerialPort Open(string path)
    {
        var port = new SerialPort(path, 9600, Parity.None, 8, StopBits.One);
        port.Open();
        return port;
    }

    internal static async Task<byte[]> ReadAsync(SerialPort port, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        byte[] buffer = new byte[count];
        int filled = 0;
        while (filled < count) { filled += await port.BaseStream.ReadAsync(buffer.AsMemory(filled), timeout.Token); }
        return buffer;
    }
}
