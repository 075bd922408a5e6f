using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
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
using PixelHolo.Core.Paths;
using PixelHolo.Storage.Enrollment;
using PixelHolo.Web.Endpoints;
using PixelHolo.Web.Enrollment;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Hosting;

/// <summary>Builds and starts the web app: binds the first free port of Web:Port and its fallbacks and reports the URL it
/// really bound (the original printed :5000 whatever it got).</summary>
public static class PixelHoloWebApp
{
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
        // Read the options once to learn which ports to try.
        var probeConfig = new ConfigurationBuilder();
        PixelHoloConfiguration.Apply(probeConfig, args, overrides);
        var web = new WebOptions();
        probeConfig.Build().GetSection(WebOptions.SectionName).Bind(web);
        var ports = new List<int> { web.Port };
        if (web.Port != 0) { ports.AddRange(web.EffectiveFallbacks.Where(p => p != web.Port)); }
        IPAddress address = ParseHost(web.Host);

        var busy = new List<int>();
        foreach (int port in ports)
        {
            WebApplication app = Build(args, overrides, configureServices, address, port);
            try
            {
                await app.StartAsync(cancellationToken);
                string url = app.Urls.First();
                string? token = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.AccessToken is { Length: > 0 } t && !IPAddress.IsLoopback(address) ? t : null;
                return new RunningWebApp(app, url, busy, token);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                busy.Add(port);
                await app.DisposeAsync();
            }
        }
        throw new ServiceUnavailableException("web",
            $"Ports {string.Join(", ", busy)} on {web.Host} are all in use. Stop the program using them, or choose another with PIXELHOLO_Web__Port (or PIXELHOLO_FLASK_PORT) and PIXELHOLO_FLASK_PORT_FALLBACKS.");
    }

    private static WebApplication Build(string[] args, IDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices, IPAddress address, int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        PixelHoloConfiguration.Apply(builder.Configuration, args, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

        builder.Services.AddPixelHolo(builder.Configuration);
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.PostConfigure<WebOptions>(o =>
        {
            if (!IPAddress.IsLoopback(address) && o.AccessToken.Length == 0) { o.AccessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); }
        });
        builder.Services.AddSingleton<EnrollmentProgressHub>();
        builder.Services.AddSingleton<EnrollmentWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EnrollmentWorker>());
        builder.Services.AddHostedService<EnrollmentConsoleReporter>();
        builder.Services.AddOptions<StageSocketOptions>().BindConfiguration(StageSocketOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StageSessions>();
        builder.Services.AddSingleton<PixelHolo.Web.Status.StageStatusBoard>();
        builder.Services.AddSingleton<PixelHolo.Core.Stage.IStageObserver>(sp => sp.GetRequiredService<PixelHolo.Web.Status.StageStatusBoard>());
        builder.Services.AddProblemDetails();
        configureServices?.Invoke(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        long maxUpload = builder.Configuration.GetSection(WebOptions.SectionName).GetValue<long?>(nameof(WebOptions.MaxUploadBytes)) ?? new WebOptions().MaxUploadBytes;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port);
            kestrel.Limits.MaxRequestBodySize = maxUpload + (4L << 20); // the multipart envelope around the file
        });

        WebApplication app = builder.Build();
        app.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.EnsureCreated();
        string token = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.AccessToken;
        if (!IPAddress.IsLoopback(address)) { app.UseMiddleware<AccessTokenMiddleware>(token); }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(PageEndpoints.SiteRoot, "assets")), RequestPath = "/assets" });
        app.MapPageEndpoints();
        app.MapProfileEndpoints();
        app.MapStageEndpoints();
        app.MapStatusEndpoints();
        app.MapDisplayEndpoints();
        // Before any upload is accepted: a job that was running when the process died leaves no half profile.
        app.Services.GetRequiredService<IEnrollmentRecovery>().RecoverAsync(CancellationToken.None).GetAwaiter().GetResult();
        return app;
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
public sealed class RunningWebApp(WebApplication app, string url, IReadOnlyList<int> busyPorts, string? accessToken) : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public string Url { get; } = url;

    /// <summary>Ports that were tried first and found busy.</summary>
    public IReadOnlyList<int> BusyPorts { get; } = busyPorts;

    /// <summary>Token to put in the URL when bound beyond loopback.</summary>
    public string? AccessToken { get; } = accessToken;

    public IServiceProvider Services => App.Services;

    public string UploaderUrl => AccessToken is null ? Url + "/" : $"{Url}/?token={AccessToken}";

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
