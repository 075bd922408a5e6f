using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PixelHolo.Inference.Tests.Models;

/// <summary>Real Kestrel on 127.0.0.1:0 serving the bytes registered with <see cref="Serve"/> (with Content-Length, as a
/// model hub does); anything else is 404.</summary>
public sealed class LoopbackFileServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri Root { get; private set; } = null!;

    public Uri Serve(string path, byte[] bytes)
    {
        _files[path] = bytes;
        return new Uri(Root, path);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/{**path}", async (HttpContext context, string path) =>
        {
            if (!_files.TryGetValue(path, out byte[]? bytes)) { context.Response.StatusCode = 404; return; }
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        });
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
}
