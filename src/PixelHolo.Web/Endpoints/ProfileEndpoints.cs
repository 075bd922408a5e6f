using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Enrollment;
using PixelHolo.Web.Hosting;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Endpoints;

/// <summary>Uploads, profiles and enrollment progress.</summary>
internal static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api");
        // CSRF: the page sends X-PixelHolo-Upload, which a cross-site form cannot; multipart only (415 otherwise, Access/ContentTypeGuard).
        api.MapPost("/profiles", UploadAsync).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/profiles", ListAsync);
        api.MapGet("/profiles/{id}", GetAsync);
        api.MapDelete("/profiles/{id}", DeleteAsync);
        api.MapGet("/profiles/{id}/still.jpg", StillAsync);
        api.MapGet("/profiles/{id}/idle.mp4", IdleLoopAsync);
        api.MapGet("/jobs/{jobId}", JobAsync);
        api.MapGet("/jobs/{jobId}/events", JobEvents);
        return app;
    }

    internal static async Task<IResult> UploadAsync(
        HttpRequest request, IEnrollmentSubmitter submitter, IOptions<WebOptions> web, IOptions<RuntimeOptions> runtime, CancellationToken cancellationToken)
    {
        if (!request.Headers.ContainsKey("X-PixelHolo-Upload"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Missing upload header",
                "Uploads must come from the PixelHolo page (header X-PixelHolo-Upload). Use the page at / or `pixelholo enroll FILE`.");
        }
        long limit = web.Value.MaxUploadBytes;
        var received = await UploadReceiver.ReceiveAsync(request, Path.Combine(runtime.Value.StagingPath, "uploads"), limit, cancellationToken);
        if (received.TooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"'{received.FileName}' is larger than the {limit / 1048576.0:0} MB limit. Trim it to a minute or two, or raise Web:MaxUploadBytes.");
        }
        if (received.Malformed is { } malformed)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed upload",
                $"The upload's form data could not be read ({malformed}). Send it from the page at / or with `pixelholo enroll FILE`.");
        }
        if (received.FilePath is not { } path)
        {
            return Problem(StatusCodes.Status400BadRequest, "No video", "No video file was sent. Choose a video of the person talking to the camera.");
        }
        string personality = received.Fields.GetValueOrDefault("personality")?.Trim() ?? "";
        if (personality.Length > EnrollmentSubmitter.MaxPersonalityChars)
        {
            File.Delete(path);
            return Problem(StatusCodes.Status400BadRequest, "Personality too long",
                $"The personality is {personality.Length:N0} characters; at most {EnrollmentSubmitter.MaxPersonalityChars:N0} are kept. Shorten it to the few sentences that matter most and upload again.");
        }
        try
        {
            SubmittedEnrollment accepted = await submitter.SubmitAsync(new EnrollmentSubmission(
                path, received.FileName ?? "upload", received.Fields.GetValueOrDefault("name"), received.Fields.GetValueOrDefault("personality"),
                IsTemporaryUpload: true), cancellationToken);
            return TypedResults.Accepted($"/api/jobs/{accepted.JobId}", new UploadAccepted(accepted.ProfileId, accepted.JobId, accepted.Name, accepted.Warnings));
        }
        catch (InvalidUploadException ex)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "This video cannot be used",
                Detail = string.Join(" ", ex.Problems.Select(p => p.Message)),
                Extensions = { ["problems"] = ex.Problems },
            });
        }
        catch (EnrollmentQueueFullException ex)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Busy", ex.Message);
        }
    }

    private static async Task<IResult> ListAsync(IProfileStore profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok((await profiles.ListAsync(cancellationToken)).Select(ToDto).ToArray());

    private static async Task<IResult> GetAsync(string id, IProfileStore profiles, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is null) { return NotFound(id); }
        // Once ready it has a manifest; a folder removed or damaged under the running server is said, rather than a 500.
        ManifestRead read = profile.Status == ProfileStatus.Ready ? await ManifestRead.FromAsync(profile, cancellationToken) : new ManifestRead(null, null);
        return TypedResults.Ok(new ProfileDetails(ToDto(profile), read.Manifest, read.Problem));
    }

    private static async Task<IResult> DeleteAsync(string id, IProfileStore profiles, StageSessions sessions, CancellationToken cancellationToken)
    {
        sessions.Forget(id);
        return await profiles.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);
    }

    private static async Task<IResult> StillAsync(string id, IProfileStore profiles, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return NotFound(id); }
        string still = Path.Combine(profile.Folder, "still.jpg");
        return File.Exists(still) ? TypedResults.PhysicalFile(still, "image/jpeg") : NotFound(id);
    }

    /// <summary>The idle loop (the person listening, looped without a visible jump), when enrollment made one.</summary>
    private static async Task<IResult> IdleLoopAsync(string id, IProfileStore profiles, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return NotFound(id); }
        string loop = Path.Combine(profile.Folder, "idle.mp4");
        return File.Exists(loop)
            ? TypedResults.PhysicalFile(loop, "video/mp4", enableRangeProcessing: true)
            : Problem(StatusCodes.Status404NotFound, "No idle loop", "This profile has no idle loop; the stage shows its still instead.");
    }

    private static async Task<IResult> JobAsync(string jobId, IEnrollmentJobStore jobs, CancellationToken cancellationToken)
    {
        EnrollmentJob? job = await jobs.FindAsync(jobId, cancellationToken);
        return job is null ? Problem(StatusCodes.Status404NotFound, "No such job", $"There is no enrollment job '{jobId}'.") : TypedResults.Ok(job);
    }

    private static ServerSentEventsResult<JobUpdate> JobEvents(string jobId, EnrollmentProgressHub hub, IEnrollmentJobStore jobs, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(WatchJobAsync(jobId, hub, jobs, cancellationToken), eventType: "progress");

    /// <summary>Live updates when this process runs the job; the stored state when it ended earlier (or in another run).</summary>
    private static async IAsyncEnumerable<JobUpdate> WatchJobAsync(
        string jobId, EnrollmentProgressHub hub, IEnrollmentJobStore jobs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (hub.Latest(jobId) is null)
        {
            EnrollmentJob? job = await jobs.FindAsync(jobId, cancellationToken);
            if (job is null)
            {
                yield return new JobUpdate(jobId, "", JobUpdateState.Failed, "unknown", 0, null, $"There is no enrollment job '{jobId}'.");
                yield break;
            }
            JobUpdate stored = JobUpdate.FromStored(job);
            if (stored.IsFinal)
            {
                yield return stored;
                yield break;
            }
        }
        await foreach (JobUpdate update in hub.WatchAsync(jobId, cancellationToken)) { yield return update; }
    }

    internal static ProfileDto ToDto(AvatarProfile p) => new(
        p.Id, p.Name, p.Personality, p.CreatedUtc, p.Status, $"/stage/{p.Id}",
        p.Status == ProfileStatus.Ready ? $"/api/profiles/{p.Id}/still.jpg" : null);

    internal static IResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "No such profile", $"There is no profile '{id}'. Open the uploader at / to see the profiles there are.");

    /// <summary>409: a ready profile whose folder is missing or damaged (<see cref="ManifestRead.Problem"/>).</summary>
    internal static IResult Damaged(string problem) => Problem(StatusCodes.Status409Conflict, "Profile damaged", problem);

    internal static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}

/// <summary>A profile as GET /api/profiles lists it (the uploader reads id, name, status, stageUrl, stillUrl).</summary>
/// <param name="Status">"enrolling", "ready" or "failed".</param>
internal sealed record ProfileDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("personality")] string Personality,
    [property: JsonPropertyName("createdUtc")] DateTimeOffset CreatedUtc,
    [property: JsonPropertyName("status")] ProfileStatus Status,
    [property: JsonPropertyName("stageUrl")] string StageUrl,
    [property: JsonPropertyName("stillUrl")] string? StillUrl);

/// <summary>GET /api/profiles/{id}: the profile and, once ready, its manifest (null before).</summary>
internal sealed record ProfileDetails(
    [property: JsonPropertyName("profile")] ProfileDto Profile,
    [property: JsonPropertyName("manifest")] ProfileManifest? Manifest,
    [property: JsonPropertyName("manifestProblem")] string? ManifestProblem = null);

/// <summary>202 of POST /api/profiles (the uploader reads profileId, jobId, warnings).</summary>
internal sealed record UploadAccepted(
    [property: JsonPropertyName("profileId")] string ProfileId,
    [property: JsonPropertyName("jobId")] string JobId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings);
