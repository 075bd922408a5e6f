using Microsoft.AspNetCore.Http;

namespace PixelHolo.Web.Access;

/// <summary>Security headers on every response (pages, assets, API, refusals and errors alike; added when the response
/// starts, so an error handler that clears the headers does not drop them). The policy fits our pages: scripts, styles,
/// images, the idle video, the AudioWorklet and the stage's WebSocket all come from this server ('self'; Chromium
/// matches ws:// of the same host and port to 'self'); frames drawn from fetched JPEGs go through createImageBitmap and
/// a canvas, which CSP does not restrict; no inline script or style attribute is used.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The microphone (the stage listens) and the camera for this server's own pages only; nothing else.</summary>
    public const string PermissionsPolicy =
        "microphone=(self), camera=(self), screen-wake-lock=(self), fullscreen=(self), geolocation=(), payment=(), usb=(), serial=(), hid=()";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            IHeaderDictionary headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
