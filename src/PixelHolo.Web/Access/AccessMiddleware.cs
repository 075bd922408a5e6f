using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;

namespace PixelHolo.Web.Access;

/// <summary>The login link and the token check. <c>GET /login?token=…[&amp;next=/path]</c> sets an HttpOnly, SameSite=Strict
/// cookie and redirects (303) to <c>next</c> (a local path; / otherwise) without the token in the address, so it leaves
/// neither the address bar nor the history. Afterwards every request needs that cookie (browsers) or the header
/// X-PixelHolo-Token (tools), except /healthz. The stage token may only make safe requests (GET, HEAD): it opens the
/// stage, its socket, frames and status; anything that changes something is refused with 403 and the reason. Does nothing
/// but the login redirect when no tokens are required (loopback).</summary>
internal sealed partial class AccessMiddleware(RequestDelegate next, AccessTokens tokens, ILogger<AccessMiddleware> logger)
{
    public const string CookieName = "pixelholo_access";
    public const string HeaderName = "X-PixelHolo-Token";
    public const string LoginPath = "/login";

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            await LoginAsync(context);
            return;
        }
        if (!tokens.Required || request.Path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(Endpoints.PageEndpoints.FaviconPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("token"))
        {
            // A link of the older form (?token= on any page): through the login, so the token leaves the address bar.
            var rest = new QueryBuilder(request.Query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))));
            var login = new QueryBuilder { { "token", request.Query["token"].ToString() }, { "next", request.Path + rest.ToQueryString() } };
            context.Response.Redirect(LoginPath + login.ToQueryString());
            return;
        }
        AccessScope? scope = tokens.Match(request.Headers[HeaderName].FirstOrDefault()) ?? tokens.Match(request.Cookies[CookieName]);
        if (scope is null)
        {
            await AccessResponses.NeedLoginAsync(context);
            return;
        }
        if (scope == AccessScope.Stage && !IsSafe(request.Method))
        {
            await AccessResponses.ReadOnlyAsync(context);
            return;
        }
        await next(context);
    }

    /// <summary>Methods that change nothing (RFC 9110 §9.2.1). The stage's turns travel over its WebSocket, a GET.</summary>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    private async Task LoginAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!IsSafe(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return;
        }
        string target = LocalTarget(request.Query["next"].FirstOrDefault());
        context.Response.Headers.CacheControl = "no-store";
        if (!tokens.Required)
        {
            context.Response.Redirect(target); // loopback: nothing to log in to; the link still works
            return;
        }
        if (tokens.Match(request.Query["token"].FirstOrDefault()) is not { } scope)
        {
            LogRefusedLogin(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await AccessResponses.WrongLinkAsync(context);
            return;
        }
        context.Response.Cookies.Append(CookieName, scope == AccessScope.Admin ? tokens.Admin : tokens.Stage, new CookieOptions
        {
            HttpOnly = true,                 // page scripts never see it
            SameSite = SameSiteMode.Strict,  // other sites' pages cannot send it (with the origin guard: no cross-site requests)
            Secure = request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        LogLogin(logger, scope, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = target;
    }

    /// <summary><paramref name="next"/> when it is a path on this server ("/stage/x"), else "/": a login link must not send
    /// the browser to another site ("//evil.example", "/\evil.example", "https://…").</summary>
    internal static string LocalTarget(string? next)
    {
        if (string.IsNullOrEmpty(next) || next[0] != '/' || next.Length > 2048) { return "/"; }
        if (next.Length > 1 && (next[1] == '/' || next[1] == '\\')) { return "/"; }
        if (next.Any(c => char.IsControl(c) || c == '\\')) { return "/"; }
        return next.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase) ? "/" : next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a login link with a wrong token from {RemoteAddress}")]
    private static partial void LogRefusedLogin(ILogger logger, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in with the {Scope} token from {RemoteAddress}")]
    private static partial void LogLogin(ILogger logger, AccessScope scope, string remoteAddress);
}
