using System.Net;
using Microsoft.AspNetCore.Http;

namespace PixelHolo.Web.Access;

/// <summary>Refuses what another site's page could make a browser send. (1) On a loopback server without tokens, a Host
/// header that is not this machine's (a DNS-rebinding page, whose requests look same-origin to the browser) gets 400.
/// (2) A CORS preflight gets 403: no other origin may call the API, and no response carries Access-Control-Allow-Origin.
/// (3) A request that changes something (not GET or HEAD) from another origin gets 403, judged by the browser's own
/// Sec-Fetch-Site, else by Origin against Host; requests with neither come from tools, not browsers.
/// This is the fetch-metadata defence (Go's net/http CrossOriginProtection works the same way) and stands in for
/// ASP.NET Core's antiforgery tokens, which would add nothing here: our pages are same-origin scripts, a cross-site form
/// can send neither our cookie (SameSite=Strict) nor a JSON body (415) nor the upload header, and every browser that
/// runs the pages sends Sec-Fetch-Site or Origin on such requests.</summary>
internal sealed class RequestOriginGuard(RequestDelegate next, RequestOriginGuard.Policy policy)
{
    /// <param name="CheckHost">Refuse Host headers that are not loopback names or <paramref name="AllowedHosts"/>.</param>
    public sealed record Policy(bool CheckHost, IReadOnlyCollection<string> AllowedHosts);

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (policy.CheckHost && !IsAllowedHost(request.Host, policy.AllowedHosts))
        {
            await AccessResponses.ProblemAsync(context, StatusCodes.Status400BadRequest, "Unknown host name",
                $"This PixelHolo listens on this machine only and answers to 127.0.0.1, [::1] or localhost, not '{request.Host.Host}' " +
                "(a page of another site could otherwise reach it through its own name). Open http://127.0.0.1:PORT/, add the name to " +
                "Web:AllowedHosts for a reverse proxy, or serve beyond loopback with the access token.");
            return;
        }
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            await AccessResponses.ProblemAsync(context, StatusCodes.Status403Forbidden, "Cross-origin requests are refused",
                "PixelHolo's API serves only its own pages; other sites may not call it (no CORS). Use the pages this server serves, or a tool without a browser.");
            return;
        }
        if (!AccessMiddleware.IsSafe(request.Method) && !HttpMethods.IsOptions(request.Method) && CrossOrigin(request) is { } why)
        {
            await AccessResponses.ProblemAsync(context, StatusCodes.Status403Forbidden, "Request from another site",
                $"Only PixelHolo's own pages may change things here; this request came from another site ({why}). Use the uploader or stage this server serves.");
            return;
        }
        await next(context);
    }

    /// <summary>Why the request is cross-origin, or null when it is same-origin, typed in the address bar, or not a browser's.</summary>
    internal static string? CrossOrigin(HttpRequest request)
    {
        string? site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        if (!string.IsNullOrEmpty(site))
        {
            return site is "same-origin" or "none" ? null : $"Sec-Fetch-Site: {site}";
        }
        string? origin = request.Headers.Origin.FirstOrDefault();
        if (origin is null) { return null; }
        bool same = Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return same ? null : $"Origin: {origin}";
    }

    internal static bool IsAllowedHost(HostString host, IReadOnlyCollection<string> allowed)
    {
        if (!host.HasValue) { return true; } // HTTP/1.0 without Host: not a browser
        string name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) { return true; }
        if (IPAddress.TryParse(name.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address)) { return true; }
        return allowed.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
