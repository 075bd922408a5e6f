using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PixelHolo.Web.Endpoints;

/// <summary>The uploader (/) and the stage (/stage/{id}) pages; their scripts and icons are static files under /assets.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Page("uploader.html"));
        app.MapGet("/stage/{profileId}", (string profileId) => Page("stage.html"));
        app.MapGet("/status", () => Page("status.html"));
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReply("ok")));
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.PhysicalFileHttpResult Page(string name) =>
        TypedResults.PhysicalFile(Path.Combine(SiteRoot, name), "text/html; charset=utf-8");

    public static string SiteRoot => Path.Combine(AppContext.BaseDirectory, "site");
}

/// <summary>GET /healthz: {"status": "ok"} while the server answers.</summary>
internal sealed record HealthReply(string Status);
