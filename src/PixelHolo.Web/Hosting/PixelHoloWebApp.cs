using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Web.Access;
using PixelHolo.Web.Endpoints;
using PixelHolo.Enrollment;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Hosting;

/// <summary>Builds and starts the web app: one container, configuration read once, the first free port of Web:Port and its
/// fallbacks chosen when Kestrel binds, and the URL it really bound reported (the original printed :5000 whatever it got).</summary>
public static class PixelHoloWebApp
{
    /// <summary>How long the host waits for its services to stop beyond the enrollment grace period.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(2);

    /// <summary>Starts the server. The caller stops and disposes the returned app.</summary>
    /// <param name="args">Command-line configuration (e.g. --Web:Port=5001).</param>
    /// <param name="overrides">Settings that win over files and environment (tests, CLI flags).</param>
    public static Task<RunningWebApp> StartAsync(string[] args, IDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default) =>
        StartAsync(args, overrides, configureServices: null, cancellationToken);

    /// <summary>Starts the server; <paramref name="configureServices"/> runs after PixelHolo's registrations (tests replace an
    /// engine with one they control there).</summary>
    public static async Task<RunningWebApp> StartAsync(
        string[] args, IDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken = default)
    {
        (WebApplication app, PortFallbackBinder ports, IPAddress address) = Build(args, overrides, configureServices);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            string host = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Host;
            await app.DisposeAsync();
            throw new ServiceUnavailableException("web",
                $"Ports {string.Join(", ", ports.Ports)} on {host} are all in use. Stop the program using them, or choose another with PIXELHOLO_Web__Port (or PIXELHOLO_FLASK_PORT) and PIXELHOLO_FLASK_PORT_FALLBACKS.", ex);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        string url = app.Urls.First();
        AccessTokens tokens = app.Services.GetRequiredService<AccessTokens>();
        return new RunningWebApp(app, url, ports.BusyPorts, tokens.Required ? tokens.Admin : null, tokens.Required ? tokens.Stage : null);
    }

    private static (WebApplication App, PortFallbackBinder Ports, IPAddress Address) Build(
        string[] args, IDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        PixelHoloConfiguration.Apply(builder.Configuration, args, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

        // What the host itself needs before the container exists: where to listen, the upload limit, the shutdown grace.
        WebOptions web = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();
        IPAddress address = ParseHost(web.Host);
        List<int> candidates = [web.Port];
        if (web.Port != 0) { candidates.AddRange(web.EffectiveFallbacks.Where(p => p != web.Port)); }
        var ports = new PortFallbackBinder(address, candidates);

        builder.Services.AddPixelHolo(builder.Configuration);
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Tokens generated once here (when empty) and seen the same by the middleware, the options and the caller.
        AccessTokens tokens = AccessTokens.From(web, IPAddress.IsLoopback(address));
        builder.Services.AddSingleton(tokens);
        builder.Services.PostConfigure<WebOptions>(o =>
        {
            o.AccessToken = tokens.Admin;
            o.StageToken = tokens.Stage;
        });
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = web.ShutdownGrace + StopMargin);
        // First lifecycle service: its StartingAsync (folders, recovery) runs before Kestrel binds and the worker starts.
        builder.Services.AddHostedService<ServerLifecycle>();
        // One setting for the grace: Web:ShutdownGrace also sizes the host's stop timeout above.
        builder.Services.AddOptions<EnrollmentOptions>().Configure<IOptions<WebOptions>>((e, w) => e.ShutdownGrace = w.Value.ShutdownGrace);
        // Hosted services stop in reverse order: the reporter, registered before the worker, still prints the worker's last word.
        builder.Services.AddHostedService<EnrollmentConsoleReporter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EnrollmentWorker>());
        builder.Services.AddOptions<StageSocketOptions>().BindConfiguration(StageSocketOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StageSessions>();
        builder.Services.AddSingleton<PixelHolo.Web.Status.StageStatusBoard>();
        builder.Services.AddSingleton<PixelHolo.Core.Stage.IStageObserver>(sp => sp.GetRequiredService<PixelHolo.Web.Status.StageStatusBoard>());
        builder.Services.AddProblemDetails();
        configureServices?.Invoke(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // Replies and bodies through source generation (Endpoints/WebJsonContext); enums as strings for anything else.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, PixelHolo.Web.Endpoints.WebJsonContext.Default);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });

        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = ports.CreateBoundSocket);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, candidates[0]); // the binder picks the first free one of the candidates
            kestrel.Limits.MaxRequestBodySize = web.MaxUploadBytes + (4L << 20); // the multipart envelope around the file
        });

        WebApplication app = builder.Build();
        app.UseAccessGuards(tokens, web);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        // Only the site's assets are static files; profiles, staging and the database are reached through endpoints by id.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(PageEndpoints.SiteRoot, "assets")), RequestPath = "/assets" });
        app.UseRouting();
        app.UseStrictContentTypes();
        app.MapPageEndpoints();
        app.MapProfileEndpoints();
        app.MapProfileAdminEndpoints();
        app.MapStageEndpoints();
        app.MapStatusEndpoints();
        app.MapDisplayEndpoints();
        return (app, ports, address);
    }

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "0.0.0.0" or "*" => IPAddress.Any,
        _ when IPAddress.TryParse(host, out IPAddress? ip) => ip,
        _ => throw new ArgumentException($"Web:Host '{host}' is not an IP address. Use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)."),
    };
}

/// <summary>A started server: its app and the URL it bound.</summary>
public sealed class RunningWebApp(WebApplication app, string url, IReadOnlyList<int> busyPorts, string? accessToken, string? stageToken = null) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public string Url { get; } = url;

    /// <summary>Ports that were tried first and found busy.</summary>
    public IReadOnlyList<int> BusyPorts { get; } = busyPorts;

    /// <summary>The admin token when tokens are required (beyond loopback, or Web:RequireAccessToken); null otherwise.</summary>
    public string? AccessToken { get; } = accessToken;

    /// <summary>The read-only stage token (for a kiosk browser) when tokens are required; null otherwise.</summary>
    public string? StageToken { get; } = stageToken;

    public IServiceProvider Services => App.Services;

    /// <summary>The uploader: its admin login link when tokens are required, else the page itself.</summary>
    public string UploaderUrl => LoginUrl(AccessToken, "/");

    /// <summary>A page for the read-only stage token: its login link when tokens are required, else the page itself.</summary>
    /// <param name="path">A local path, e.g. /stage/ID.</param>
    public string StageLoginUrl(string path) => LoginUrl(StageToken, path);

    private string LoginUrl(string? token, string path) => token is null
        ? Url + path
        : $"{Url}{AccessMiddleware.LoginPath}?token={Uri.EscapeDataString(token)}{(path == "/" ? "" : "&next=" + Uri.EscapeDataString(path))}";

    /// <summary>Completes when <paramref name="cancellationToken"/> is cancelled (Ctrl+C, SIGTERM) or the app is told to stop.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, App.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: the normal way out.
        }
    }

    private bool _disposed;

    /// <summary>Stops the server in order (see <see cref="ServerLifecycle"/>, <see cref="EnrollmentWorker"/>) and disposes the
    /// container, which closes the database. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) { return; }
        _disposed = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
