using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace PixelHolo.Web.Access;

/// <summary>Strict content types: a request that changes something and carries a body must send what its endpoint reads —
/// the endpoint's <see cref="IAcceptsMetadata"/> (multipart/form-data for uploads; minimal APIs add application/json for a
/// typed body), else application/json — or it gets 415 naming the type. So a cross-site HTML form (urlencoded, multipart
/// without our header, text/plain) never reaches a JSON endpoint, and nothing is guessed from the bytes.</summary>
internal sealed class ContentTypeGuard(RequestDelegate next)
{
    private static readonly string[] Json = ["application/json"];

    /// <summary>Routing's own endpoint for a body no candidate accepts (its AcceptsMatcherPolicy): it carries no metadata of
    /// the endpoint that was meant, so the reply names both kinds of body we read.</summary>
    private const string RoutingUnsupportedMediaType = "415 HTTP Unsupported Media Type";

    private static readonly string[] UploadOrJson = ["multipart/form-data (an upload)", "application/json (everything else)"];

    public async Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        bool hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (AccessMiddleware.IsSafe(request.Method) || HttpMethods.IsOptions(request.Method) || !hasBody || context.GetEndpoint() is not { } endpoint)
        {
            await next(context);
            return;
        }
        IReadOnlyList<string> accepted = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } a ? a.ContentTypes : Json;
        bool refusedByRouting = string.Equals(endpoint.DisplayName, RoutingUnsupportedMediaType, StringComparison.Ordinal);
        if (refusedByRouting) { accepted = UploadOrJson; }
        if (refusedByRouting || !Accepts(request.ContentType, accepted))
        {
            await AccessResponses.ProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"This request must send {string.Join(" or ", accepted)}; it sent '{request.ContentType ?? "no Content-Type"}'. " +
                "Use the PixelHolo page, or set the Content-Type header to match the body.");
            return;
        }
        await next(context);
    }

    internal static bool Accepts(string? contentType, IReadOnlyList<string> accepted)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? given)) { return false; }
        foreach (string type in accepted)
        {
            if (given.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)) { return true; }
            // application/problem+json and the like are JSON too.
            if (type == "application/json" && given.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && given.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)) { return true; }
        }
        return false;
    }
}
