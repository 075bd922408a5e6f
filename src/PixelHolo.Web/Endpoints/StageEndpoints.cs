using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Endpoints;

/// <summary>The stage: one WebSocket per stage page (docs/stage-protocol.md) and the profile's frame store by index.</summary>
internal static class StageEndpoints
{
    public static IEndpointRouteBuilder MapStageEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/stage/{profileId}");
        api.MapGet("/socket", SocketAsync);
        api.MapGet("/frames/{index:int}", FrameAsync);
        // Stopping closes every stage socket at once (1001), so the host does not wait out its shutdown timeout on them.
        StageSessions sessions = app.ServiceProvider.GetRequiredService<StageSessions>();
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(sessions.Stop);
        return app;
    }

    private static async Task<IResult> SocketAsync(
        HttpContext context, string profileId, IProfileStore profiles, StageSessions sessions, IOptions<StageSocketOptions> options, ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Not a WebSocket",
                $"This is the stage's WebSocket (docs/stage-protocol.md). Open the stage page /stage/{profileId} instead.");
        }
        if (!SameOrigin(context.Request))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status403Forbidden, "Other site",
                "Only PixelHolo's own stage page may open the stage socket (the Origin header names another site).");
        }
        StageSocketOptions settings = options.Value;
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveInterval * 2,
        });
        CancellationToken aborted = context.RequestAborted;
        string? modeText = context.Request.Query["mode"].FirstOrDefault();
        ListeningMode? mode = modeText is null ? settings.ListeningMode : StageWire.ParseMode(modeText);
        if (mode is not { } listening)
        {
            await RefuseAsync(socket, WebSocketCloseStatus.PolicyViolation, $"Unknown listening mode '{modeText}'. Use ?mode=pressToTalk, holdToTalk or handsFree.");
            return TypedResults.Empty;
        }
        AvatarProfile? profile = await profiles.FindAsync(profileId, aborted);
        if (profile is not { Status: ProfileStatus.Ready })
        {
            await RefuseAsync(socket, StageCloseCodes.NoSuchProfile,
                $"There is no ready avatar '{profileId}'. Open the uploader at / to see the avatars there are.");
            return TypedResults.Empty;
        }
        if (!Directory.Exists(profile.Folder))
        {
            await RefuseAsync(socket, StageCloseCodes.StageUnavailable, FilesMissing(profileId));
            return TypedResults.Empty;
        }
        StageSession session;
        try
        {
            session = await sessions.OpenAsync(profile, listening, aborted);
        }
        catch (PixelHoloException ex)
        {
            await RefuseAsync(socket, StageCloseCodes.StageUnavailable, ex.Message);
            return TypedResults.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            // Files removed or damaged under the running server: that page gets the reason, the server carries on.
            await RefuseAsync(socket, StageCloseCodes.StageUnavailable, FilesMissing(profileId));
            return TypedResults.Empty;
        }
        await using (session)
        {
            using var stage = new StageSocket(socket, session, settings, loggers.CreateLogger<StageSocket>());
            await stage.RunAsync(listening, aborted);
        }
        return TypedResults.Empty;
    }

    /// <summary>Browsers always send Origin on a WebSocket and do not apply CORS to it: a page of another site must not
    /// drive the stage (or hear its microphone stream). Clients without Origin (tools, tests) are not browsers.</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        string? origin = request.Headers.Origin.FirstOrDefault();
        return origin is null
            || (Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static string FilesMissing(string profileId) =>
        $"The files of avatar '{profileId}' are missing or damaged. Delete it in the uploader at / and upload its video again.";

    private static async Task RefuseAsync(WebSocket socket, WebSocketCloseStatus status, string detail)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            StageWire.Message error = StageWire.Error(status, detail);
            await socket.SendAsync(error.Bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            await socket.CloseAsync(status, StageSocket.Reason(detail), timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { } // the page left first
    }

    /// <summary>A stored frame (0-based, as <c>AvatarFrame.SourceFrame</c>); frames never change once a profile is ready,
    /// so the browser may keep them.</summary>
    private static async Task<IResult> FrameAsync(HttpContext context, string profileId, int index, IProfileStore profiles)
    {
        AvatarProfile? profile = await profiles.FindAsync(profileId, context.RequestAborted);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(profileId); }
        string path = Path.Combine(profile.Folder, "frames", $"{index + 1:D6}.jpg");
        if (index < 0 || !File.Exists(path))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status404NotFound, "No such frame",
                $"Frame {index} is not in the frame store of '{profileId}' (frames are numbered from 0).");
        }
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.PhysicalFile(path, "image/jpeg");
    }
}
