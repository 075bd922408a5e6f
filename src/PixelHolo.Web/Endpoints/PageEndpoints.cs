using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PixelHolo.Web.Endpoints;

/// <summary>The uploader (/), the stage (/stage/{id}) and status pages, the health check and the site icon; their scripts and icons are static files under /assets.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Page("uploader.html"));
        app.MapGet("/stage/{profileId}", (string profileId) => Page("stage.html"));
        app.MapGet("/status", () => Page("status.html"));
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReply("ok")));
        // Browsers ask for it on every site; a 404 (or the token's 401) is a console error on each page (issue 15, item 5).
        app.MapGet(FaviconPath, () => TypedResults.PhysicalFile(Path.Combine(SiteRoot, "assets", "icons", "favicon.svg"), "image/svg+xml"));
        return app;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.PhysicalFileHttpResult Page(string name) =>
        TypedResults.PhysicalFile(Path.Combine(SiteRoot, name), "text/html; charset=utf-8");

    /// <summary>The site icon, public like /healthz (the sign-in page asks for it too, before the cookie exists).</summary>
    public const string FaviconPath = "/favicon.ico";

    public static string SiteRoot => Path.Combine(AppContext.BaseDirectory, "site");
}

/// <summary>GET /healthz: {"status": "ok"} while the server answers.</summary>
internal sealed record HealthReply(string Status);
