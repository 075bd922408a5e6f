using System.CommandLine;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo serve</c>: the web uploader and stage.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string?>("--host") { Description = "Address to bind (default 127.0.0.1; a non-loopback address needs the access token printed at start)." };
        var port = new Option<int?>("--port") { Description = "First port to try (default 5000, then 5001-5003)." };
        var command = new Command("serve", "Run the web uploader (/) and the stage (/stage/ID) until Ctrl+C or SIGTERM (a second Ctrl+C exits at once).");
        command.Options.Add(host);
        command.Options.Add(port);
        command.SetAction((parse, ct) => CliHost.RunAsync(async c =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (parse.GetValue(host) is { } h) { overrides["Web:Host"] = h; }
            if (parse.GetValue(port) is { } p) { overrides["Web:Port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture); }
            await using RunningWebApp app = await PixelHoloWebApp.StartAsync([], overrides, c);
            if (app.BusyPorts.Count > 0)
            {
                Console.WriteLine($"Port {string.Join(", ", app.BusyPorts)} busy; using the next free one.");
            }
            Console.WriteLine($"PixelHolo is running. Uploader: {app.UploaderUrl}");
            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(c);
            // Stop accepting, let an enrollment in flight finish within Web:ShutdownGrace (else it is cancelled and marked
            // interrupted), stop the stage sessions, then the container closes the database (its WAL checkpointed).
            Console.WriteLine("Stopping.");
            await app.DisposeAsync();
            Console.WriteLine("Stopped.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
