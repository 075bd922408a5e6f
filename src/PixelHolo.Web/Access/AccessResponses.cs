using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PixelHolo.Web.Access;

/// <summary>The refusals of the access layer, each saying what to do: an HTML page for a browser's navigation, problem
/// JSON for everything else. The pages are plain HTML (no style or script), so they need nothing behind the token.</summary>
internal static class AccessResponses
{
    public const string NeedLoginDetail =
        "PixelHolo needs its access token here. Open the login link that `pixelholo serve` printed at start " +
        "(http://HOST:PORT/login?token=…) once in this browser; tools send the token in the header X-PixelHolo-Token.";

    public const string WrongLinkDetail =
        "This login link's token is wrong or out of date. The tokens are new at every start unless Web:AccessToken and " +
        "Web:StageToken are set: open the link printed by the latest `pixelholo serve` (the line \"Uploader:\"), or ask the person who runs it.";

    public const string ReadOnlyDetail =
        "This browser signed in with the stage link, which is read-only: it shows the stage but cannot upload, delete, " +
        "rename or change display settings. Open the admin login link (the line \"Uploader:\" that `pixelholo serve` prints) to do that.";

    public static Task NeedLoginAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "PixelHolo-Token realm=\"PixelHolo\"";
        return WantsHtml(context.Request)
            ? PageAsync(context, StatusCodes.Status401Unauthorized, "PixelHolo: sign in with the login link", NeedLoginDetail)
            : ProblemAsync(context, StatusCodes.Status401Unauthorized, "Access token needed", NeedLoginDetail);
    }

    public static Task WrongLinkAsync(HttpContext context) =>
        WantsHtml(context.Request)
            ? PageAsync(context, StatusCodes.Status401Unauthorized, "PixelHolo: this login link is not valid", WrongLinkDetail)
            : ProblemAsync(context, StatusCodes.Status401Unauthorized, "Wrong access token", WrongLinkDetail);

    public static Task ReadOnlyAsync(HttpContext context) =>
        ProblemAsync(context, StatusCodes.Status403Forbidden, "Read-only stage access", ReadOnlyDetail);

    public static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static Task PageAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        string encodedTitle = System.Net.WebUtility.HtmlEncode(title);
        return context.Response.WriteAsync(
            $"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{encodedTitle}</title></head>\n" +
            $"<body><h1>{encodedTitle}</h1><p>{System.Net.WebUtility.HtmlEncode(detail)}</p></body></html>\n");
    }
}
