using System.IO.Ports;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed class MountSimCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MountSim_ViscaInquiry_AnswersAckCompletionAndPosition()
    {
        using PtyPair pty = await PtyPair.StartAsync();
        using var simulator = CliProcess.Start("mount-sim", "--protocol", "visca", "--port", pty.B);
        await simulator.WaitForOutputAsync("Ctrl+C to stop", Patience);
        using var port = new SerialPort(pty.A, 9600, Parity.None, 8, StopBits.One);
        port.Open();

        await port.BaseStream.WriteAsync(Convert.FromHexString("81010604FF8109061 2FF".Replace(" ", "", StringComparison.Ordinal)));
        byte[] reply = new byte[6 + 11];
        using var timeout = new CancellationTokenSource(Patience);
        for (int filled = 0; filled < reply.Length;) { filled += await port.BaseStream.ReadAsync(reply.AsMemory(filled), timeout.Token); }

        Assert.Equal("904 1FF9051FF90500000000000000000FF".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(reply));
        await simulator.WaitForOutputAsync("received 81 09 06 12 FF = position inquiry", Patience);
    }

    [Fact]
    public async Task MountSim_NoSuchPort_ExitsWithBadInputAndHowToMakeOne()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Patience, "mount-sim", "--protocol", "visca", "--port", "/nonexistent/pty");

        Assert.Equal(2, code);
        Assert.Contains("No serial device /nonexistent/pty", stderr, StringComparison.Ordinal);
        Assert.Contains("socat", stderr, StringComparison.Ordinal);
    }
}
