using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Cli.Kiosk;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Processes;
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
        var kiosk = new Option<bool>("--kiosk") { Description = "Also open the stage full screen in Chromium (Kiosk:Browser), keep it open, reopen it if it dies." };
        var profile = new Option<string?>("--profile") { Description = "With --kiosk: the profile the stage shows (default: the newest ready one)." };
        command.Options.Add(host);
        command.Options.Add(port);
        command.Options.Add(kiosk);
        command.Options.Add(profile);
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
            if (app.StageToken is not null)
            {
                // Each link works once per browser (it sets a cookie); the stage one is read-only, for kiosks and screens.
                Console.WriteLine($"Stage login (read-only): {app.StageLoginUrl("/")}");
            }
            using var browserStop = CancellationTokenSource.CreateLinkedTokenSource(c);
            Task browser = Task.CompletedTask;
            if (parse.GetValue(kiosk))
            {
                string? url = await KioskUrlAsync(app, parse.GetValue(profile), c);
                if (url is null) { return ExitCodes.BadInput; }
                KioskBrowser kioskBrowser = CreateKiosk(app);
                Console.WriteLine($"Kiosk: opening {url}");
                browser = kioskBrowser.RunAsync(url, browserStop.Token);
            }
            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(c);
            // Stop accepting, let an enrollment in flight finish within Web:ShutdownGrace (else it is cancelled and marked
            // interrupted), stop the stage sessions, then the container closes the database (its WAL checkpointed).
            Console.WriteLine("Stopping.");
            await browserStop.CancelAsync();   // the kiosk browser stops with the server, whatever stopped it
            await browser;
            await app.DisposeAsync();
            Console.WriteLine("Stopped.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>The stage of <paramref name="profileId"/> (or of the newest ready profile; the uploader when there is
    /// none); null after printing why when the named profile cannot be shown.</summary>
    private static async Task<string?> KioskUrlAsync(RunningWebApp app, string? profileId, CancellationToken cancellationToken)
    {
        var profiles = app.Services.GetRequiredService<IProfileStore>();
        AvatarProfile? chosen;
        if (profileId is not null)
        {
            chosen = await profiles.FindAsync(profileId, cancellationToken);
            if (chosen is not { Status: ProfileStatus.Ready })
            {
                await Console.Error.WriteLineAsync(chosen is null
                    ? $"There is no profile '{profileId}'. List them with `pixelholo profiles list`."
                    : $"Profile '{profileId}' is {chosen.Status.ToString().ToLowerInvariant()}, not ready. Wait for its enrollment or choose another.");
                return null;
            }
        }
        else
        {
            chosen = (await profiles.ListAsync(cancellationToken)).Where(p => p.Status == ProfileStatus.Ready).OrderByDescending(p => p.CreatedUtc).FirstOrDefault();
        }
        string path = chosen is null ? "/" : $"/stage/{Uri.EscapeDataString(chosen.Id)}";
        // The kiosk gets the read-only stage token: a visitor at the kiosk cannot upload, delete or change settings.
        return app.StageLoginUrl(path);
    }

    private static KioskBrowser CreateKiosk(RunningWebApp app)
    {
        var options = new KioskOptions();
        app.Services.GetRequiredService<IConfiguration>().GetSection(KioskOptions.SectionName).Bind(options);
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true))
        {
            throw new CliInputException($"Bad kiosk settings: {string.Join(" ", problems.Select(p => p.ErrorMessage))}");
        }
        string userData = Path.Combine(app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.Root, "kiosk-browser");
        return new KioskBrowser(options, userData, app.Services.GetRequiredService<ToolRunner>(), TimeProvider.System, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PixelHolo.Kiosk"));
    }
}
