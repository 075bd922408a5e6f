using System.Diagnostics;
using PixelHolo.TestSupport;

namespace PixelHolo.Cli.Tests.Commands;

/// <summary><c>pixelholo serve --kiosk</c> with a stand-in browser (a shell script that records its arguments, one per
/// line, and quits at once — so the kiosk must also reopen it).</summary>
public sealed class KioskTests
{
    [Fact]
    public async Task ServeKiosk_StandInBrowser_GetsTheKioskFlagsAndTheUploaderAndIsReopened()
    {
        using var runtime = new TempDirectory();
        string script = runtime.File("browser.sh");
        string record = runtime.File("args");
        await File.WriteAllTextAsync(script,
            $"#!/bin/sh\nn=0\nwhile [ -e '{record}.'$n ]; do n=$((n+1)); done\nprintf '%s\\n' \"$@\" > '{record}.part' && mv '{record}.part' '{record}.'$n\n");
        if (OperatingSystem.IsLinux()) { File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
        var environment = new Dictionary<string, string>
        {
            ["PIXELHOLO_Kiosk__Browser"] = script,
            ["PIXELHOLO_Kiosk__RestartDelay"] = "00:00:00.2",
        };
        using TestProcess server = TestProcess.Start(CliProcess.StartInfo(runtime.Path, ["serve", "--kiosk", "--port", "0"], environment));
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            System.Text.RegularExpressions.Match opened = await server.WaitForOutputAsync(
                new System.Text.RegularExpressions.Regex(@"^Kiosk: opening (\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline), TimeSpan.FromSeconds(90));
            string opening = opened.Groups[1].Value;
            // The browser quits at once each time; wait until it was opened twice (args.0, args.1).
            await FileAppearance.WaitAsync([record + ".1"], TimeSpan.FromSeconds(90), cts.Token);

            string[] arguments = await File.ReadAllLinesAsync(record + ".0", cts.Token);
            Assert.Contains("--kiosk", arguments);
            Assert.Contains("--autoplay-policy=no-user-gesture-required", arguments);
            Assert.Contains("--no-first-run", arguments);
            Assert.Contains("--noerrdialogs", arguments);
            Assert.Contains("--disable-session-crashed-bubble", arguments);
            Assert.Contains("--user-data-dir=" + Path.Combine(runtime.Path, "kiosk-browser"), arguments);
            Assert.Equal(opening, arguments[^1]);
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", arguments[^1]); // no profile yet: the uploader
            Assert.Equal(arguments, await File.ReadAllLinesAsync(record + ".1", cts.Token));
        }
        finally
        {
            await server.SignalAsync("TERM");
            await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task ServeKiosk_UnknownProfile_ExitsWithTheFix()
    {
        using var runtime = new TempDirectory();
        var environment = new Dictionary<string, string> { ["PIXELHOLO_Kiosk__Browser"] = "/bin/true" };

        var (code, _, stderr) = await CliProcess.RunAsync(runtime.Path, ["serve", "--kiosk", "--profile", "nobody", "--port", "0"], environment, timeout: TimeSpan.FromSeconds(90));

        Assert.Equal(2, code);
        Assert.Contains("There is no profile 'nobody'", stderr, StringComparison.Ordinal);
    }
}
