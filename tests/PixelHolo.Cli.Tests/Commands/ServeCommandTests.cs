using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_FirstPortBusyWithLegacyVariables_BindsNextPortAndPrintsIt()
    {
        using var runtime = new TempDirectory();
        // The first port is held for the whole test; the fallbacks are ports the system just handed out as free.
        var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        try
        {
            int busy = ((IPEndPoint)blocker.LocalEndpoint).Port;
            int[] fallbacks = FreePorts(3);
            var environment = new Dictionary<string, string>
            {
                ["PIXELHOLO_FLASK_HOST"] = "127.0.0.1",
                ["PIXELHOLO_FLASK_PORT"] = busy.ToString(CultureInfo.InvariantCulture),
                ["PIXELHOLO_FLASK_PORT_FALLBACKS"] = string.Join(',', fallbacks),
            };
            using TestProcess server = TestProcess.Start(CliProcess.StartInfo(runtime.Path, ["serve"], environment));

            string url = (await server.WaitForOutputAsync(UploaderLine(), TimeSpan.FromSeconds(90))).Groups["url"].Value;

            int port = new Uri(url).Port;
            Assert.NotEqual(busy, port);
            Assert.Contains(port, fallbacks);
            Assert.Contains($"Port {busy} busy", server.StdOut, StringComparison.Ordinal);
            using var http = new HttpClient();
            Assert.Contains("PixelHolo", await http.GetStringAsync(url), StringComparison.Ordinal);
        }
        finally
        {
            blocker.Stop();
        }
    }

    /// <summary>Ports the system just found free (bound to port 0, then released).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    [Fact]
    public async Task Serve_AllPortsBusy_ClearErrorAndExit1()
    {
        using var runtime = new TempDirectory();
        var blockers = new List<TcpListener>();
        try
        {
            for (int i = 0; i < 2; i++) { var l = new TcpListener(IPAddress.Loopback, 0); l.Start(); blockers.Add(l); }
            int[] ports = [.. blockers.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
            var environment = new Dictionary<string, string>
            {
                ["PIXELHOLO_Web__Port"] = ports[0].ToString(CultureInfo.InvariantCulture),
                ["PIXELHOLO_FLASK_PORT_FALLBACKS"] = ports[1].ToString(CultureInfo.InvariantCulture),
            };

            var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["serve"], environment, timeout: TimeSpan.FromSeconds(60));

            Assert.Equal(1, code);
            Assert.Contains($"Ports {ports[0]}, {ports[1]}", stderr, StringComparison.Ordinal);
            Assert.Contains("PIXELHOLO_Web__Port", stderr, StringComparison.Ordinal);
        }
        finally
        {
            blockers.ForEach(l => l.Stop());
        }
    }

    [GeneratedRegex(@"Uploader: (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex UploaderLine();
}
