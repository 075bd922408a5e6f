using Microsoft.AspNetCore.Http;

namespace PixelHolo.Web.Hosting;

/// <summary>When bound beyond loopback, every request needs the access token (header X-PixelHolo-Token, cookie
/// pixelholo_token, or ?token= once, which sets the cookie).</summary>
internal sealed class AccessTokenMiddleware(RequestDelegate next, string token)
{
    private const string CookieName = "pixelholo_token";

    public async Task InvokeAsync(HttpContext context)
    {
        string? given = context.Request.Headers["X-PixelHolo-Token"].FirstOrDefault()
            ?? context.Request.Cookies[CookieName]
            ?? context.Request.Query["token"].FirstOrDefault();
        if (!string.Equals(given, token, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("PixelHolo needs its access token here: open the URL printed at start (it ends with ?token=...).");
            return;
        }
        if (context.Request.Query.ContainsKey("token"))
        {
            context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
        }
        await next(context);
    }
}
