using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_Port5000BusyWithLegacyVariables_BindsNextPortAndPrintsIt()
    {
        using var runtime = new TempDirectory();
        TcpListener? blocker = null;
        try
        {
            // Occupy 5000 (if something else already holds it, it is just as busy).
            try { blocker = new TcpListener(IPAddress.Loopback, 5000); blocker.Start(); }
            catch (SocketException) { blocker = null; }

            var environment = new Dictionary<string, string>
            {
                ["PIXELHOLO_FLASK_HOST"] = "127.0.0.1",
                ["PIXELHOLO_FLASK_PORT"] = "5000",
                ["PIXELHOLO_FLASK_PORT_FALLBACKS"] = "5001,5002,5003",
                ["PIXELHOLO_Llm__AutoStart"] = "false",
            };
            using Process server = Process.Start(CliProcess.StartInfo(runtime.Path, ["serve"], environment))!;
            try
            {
                string? url = null;
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                while (url is null && await server.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                {
                    if (UploaderLine().Match(line) is { Success: true } m) { url = m.Groups["url"].Value; }
                }

                Assert.NotNull(url);
                int port = new Uri(url).Port;
                Assert.NotEqual(5000, port);
                Assert.InRange(port, 5001, 5003);
                using var http = new HttpClient();
                Assert.Contains("PixelHolo", await http.GetStringAsync(url, cts.Token), StringComparison.Ordinal);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            blocker?.Stop();
        }
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
                ["PIXELHOLO_Web__Port"] = ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PIXELHOLO_FLASK_PORT_FALLBACKS"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
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
