using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PixelHolo.Conversation.Tests.Search;

/// <summary>Real Kestrel on 127.0.0.1:0 speaking each provider's wire format from hand-written fixture pages
/// (Search/Fixtures). A base URL picks the engine and the scenario: /{engine}/{scenario}/{id}/… where engine is
/// ddg, searxng or wiki; scenario is ok, empty, error, malformed, hang, injection, flaky (500 once, then ok),
/// forbidden or disambiguation; id separates the hit counters of different tests.</summary>
public sealed class LoopbackSearchServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri Root { get; private set; } = null!;

    public Uri BaseUrl(string engine, string scenario, string id = "shared") => new(Root, $"{engine}/{scenario}/{id}/");

    public int Hits(string engine, string scenario, string id = "shared") => _hits.GetValueOrDefault($"{engine}/{scenario}/{id}");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        _app = builder.Build();
        _app.MapGet("/{engine}/{scenario}/{id}/{**rest}", HandleAsync);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Root = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string engine, string scenario, string id, string? rest)
    {
        int hit = _hits.AddOrUpdate($"{engine}/{scenario}/{id}", 1, (_, n) => n + 1);
        HttpResponse response = context.Response;
        if (scenario == "hang")
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (scenario == "error" || (scenario == "flaky" && hit == 1))
        {
            response.StatusCode = StatusCodes.Status500InternalServerError;
            await response.WriteAsync("<html><body><h1>500 Internal Server Error</h1><p>upstream exploded at 127.0.0.1 (secret detail)</p></body></html>");
            return;
        }
        if (scenario == "forbidden")
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            await response.WriteAsync("<html><body>403 Forbidden</body></html>");
            return;
        }
        switch (engine)
        {
            case "ddg":
                if (rest != "html/" || string.IsNullOrEmpty(context.Request.Query["q"])) { response.StatusCode = 400; return; }
                response.ContentType = "text/html; charset=UTF-8";
                await response.WriteAsync(Fixture(scenario switch
                {
                    "empty" => "duckduckgo-no-results.html",
                    "malformed" => "duckduckgo-malformed.html",
                    "injection" => "duckduckgo-injection.html",
                    _ => "duckduckgo-results.html",
                }));
                return;
            case "searxng":
                if (rest != "search" || context.Request.Query["format"] != "json" || string.IsNullOrEmpty(context.Request.Query["q"]))
                {
                    response.StatusCode = 400;
                    return;
                }
                response.ContentType = scenario == "malformed" ? "text/html" : "application/json";
                await response.WriteAsync(scenario switch
                {
                    "empty" => Fixture("searxng-empty.json"),
                    "malformed" => "<html><body>Too many requests</body></html>",
                    _ => Fixture("searxng-results.json"),
                });
                return;
            case "wiki":
                const string prefix = "api/rest_v1/page/summary/";
                if (rest is null || !rest.StartsWith(prefix, StringComparison.Ordinal)) { response.StatusCode = 400; return; }
                string title = rest[prefix.Length..];
                response.ContentType = "application/json; charset=utf-8; profile=\"https://www.mediawiki.org/wiki/Specs/Summary/1.4.2\"";
                if (scenario == "disambiguation") { await response.WriteAsync(Fixture("wikipedia-disambiguation.json")); return; }
                if (scenario == "malformed") { await response.WriteAsync("{\"type\": \"standard\", \"title\": "); return; }
                if (title != "Ada_Lovelace")
                {
                    response.StatusCode = 404;
                    response.ContentType = "application/problem+json";
                    await response.WriteAsync(Fixture("wikipedia-not-found.json"));
                    return;
                }
                await response.WriteAsync(Fixture("wikipedia-summary.json"));
                return;
            default:
                response.StatusCode = 404;
                return;
        }
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Search", "Fixtures", name));
}

[CollectionDefinition(nameof(LoopbackSearchGroup))]
public sealed class LoopbackSearchGroup : ICollectionFixture<LoopbackSearchServer>;
