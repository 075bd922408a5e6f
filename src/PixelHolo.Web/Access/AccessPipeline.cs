using Microsoft.AspNetCore.Builder;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Access;

/// <summary>Where the access layer sits in the pipeline (docs/configuration.md, "Access").</summary>
internal static class AccessPipeline
{
    /// <summary>First in the pipeline: headers on every response, then the origin guard, then the tokens.</summary>
    public static IApplicationBuilder UseAccessGuards(this IApplicationBuilder app, AccessTokens tokens, WebOptions web)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestOriginGuard>(new RequestOriginGuard.Policy(CheckHost: !tokens.Required, web.AllowedHosts));
        app.UseMiddleware<AccessMiddleware>(tokens);
        return app;
    }

    /// <summary>After routing (it reads the endpoint's accepted content types), before the endpoints.</summary>
    public static IApplicationBuilder UseStrictContentTypes(this IApplicationBuilder app) => app.UseMiddleware<ContentTypeGuard>();
}
