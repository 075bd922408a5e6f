using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Storage;
using PixelHolo.Enrollment;

namespace PixelHolo.Web.Endpoints;

/// <summary>The uploader's profile list: PATCH /api/profiles/{id} (rename), GET /api/profiles/{id}/voice (the engine its
/// answers would be spoken with now) and POST /api/profiles/{id}/reenroll (enroll again from the kept source video with other
/// settings; the profile is replaced only when the new job succeeds).</summary>
internal static class ProfileAdminEndpoints
{
    public static IEndpointRouteBuilder MapProfileAdminEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/profiles/{id}");
        api.MapPatch("", RenameAsync);
        api.MapGet("/voice", VoiceAsync);
        api.MapPost("/reenroll", ReEnrollAsync);
        return app;
    }

    /// <summary>What is wrong with a display name, or null when it is fine. Control characters (newlines, tabs, escapes) and
    /// invisible formatting characters (bidi overrides, zero-width) would garble the list and the logs.</summary>
    internal static string? NameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) { return "The name is empty. Type a name of 1 to 80 characters."; }
        if (name.Trim().Length > EnrollmentSubmitter.MaxNameChars)
        {
            return $"The name is {name.Trim().Length} characters long; names are at most {EnrollmentSubmitter.MaxNameChars}. Shorten it.";
        }
        int bad = name.IndexOfAny([.. name.Where(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)]);
        return bad < 0 ? null
            : $"The name contains a control or invisible character (U+{(int)name[bad]:X4} at position {bad + 1}). Use letters, digits, spaces and punctuation only.";
    }

    /// <summary>CSRF: a cross-site form cannot send application/json (that needs a CORS preflight this server never grants).</summary>
    private static IResult? RequireJson(HttpRequest request) => request.HasJsonContentType() ? null
        : ProfileEndpoints.Problem(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the request body as JSON (Content-Type: application/json).");

    private static async Task<IResult> RenameAsync(string id, HttpRequest request, IProfileStore profiles, CancellationToken cancellationToken)
    {
        if (RequireJson(request) is { } refused) { return refused; }
        string? name;
        try
        {
            name = (await JsonSerializer.DeserializeAsync(request.Body, WebJsonContext.Default.RenameRequest, cancellationToken))?.Name;
        }
        catch (JsonException)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Not a rename",
                "Send a JSON object with the new name as a string, e.g. {\"name\": \"Ada\"}.");
        }
        if (NameProblem(name) is { } problem) { return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad name", problem); }
        if (!await profiles.RenameAsync(id, name!.Trim(), cancellationToken)) { return ProfileEndpoints.NotFound(id); }
        AvatarProfile renamed = (await profiles.FindAsync(id, cancellationToken))!;
        return TypedResults.Ok(ProfileEndpoints.ToDto(renamed));
    }

    private static async Task<IResult> VoiceAsync(string id, IProfileStore profiles, IServiceProvider services, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(id); }
        if (services.GetService(typeof(IVoiceChooser)) is not IVoiceChooser chooser)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "No voice", "No speech synthesiser is registered in this build.");
        }
        string wav = Path.Combine(profile.Folder, "voice", "reference.wav");
        VoiceReference? voice = null;
        if (File.Exists(wav))
        {
            string transcript = Path.ChangeExtension(wav, ".txt");
            voice = new VoiceReference(wav, File.Exists(transcript) ? (await File.ReadAllTextAsync(transcript, cancellationToken)).Trim() : "", profile.Folder);
        }
        VoiceChoice choice = await chooser.ChooseAsync(voice, cancellationToken);
        return TypedResults.Ok(choice);
    }

    private static async Task<IResult> ReEnrollAsync(
        string id, HttpRequest request, IProfileStore profiles, IEnrollmentJobStore jobs, IBackgroundEnrollment queue,
        IOptions<RuntimeOptions> runtime, IOptions<EnrollmentOptions> enrollment, CancellationToken cancellationToken)
    {
        if (RequireJson(request) is { } refused) { return refused; }
        string? picture;
        try
        {
            picture = (await JsonSerializer.DeserializeAsync(request.Body, WebJsonContext.Default.ReEnrollRequest, cancellationToken))?.Picture;
        }
        catch (JsonException)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Not a re-enrollment",
                "Send a JSON object with the settings to use, e.g. {\"picture\": \"plain\"}.");
        }
        picture ??= enrollment.Value.Picture;
        if (!EnrollmentSteps.PictureModes.Contains(picture))
        {
            return ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad picture mode",
                $"'{picture}' is not a picture mode. Use {string.Join(" or ", EnrollmentSteps.PictureModes.Select(m => $"\"{m}\""))}.");
        }
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is null) { return ProfileEndpoints.NotFound(id); }
        if (profile.Status != ProfileStatus.Ready)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status409Conflict, "Not ready",
                $"The profile '{profile.Name}' is {profile.Status.ToString().ToLowerInvariant()}; only a ready profile can be enrolled again. Upload the video again instead.");
        }
        // The upload is kept untouched in the profile folder as source.<ext> (the enrollment pipeline moves it there).
        string? source = Directory.EnumerateFiles(profile.Folder, "source.*").FirstOrDefault();
        if (source is null)
        {
            return ProfileEndpoints.Problem(StatusCodes.Status409Conflict, "No source video",
                $"The profile '{profile.Name}' has no kept source video (source.* in its folder), so it cannot be enrolled again. Upload the video again.");
        }
        ManifestRead read = await ManifestRead.FromAsync(profile, cancellationToken);
        if (read.Problem is { } damaged) { return ProfileEndpoints.Damaged(damaged); }
        string sourceName = read.Manifest?.SourceFileName is { Length: > 0 } original ? original : Path.GetFileName(source);

        // The pipeline moves its input into the new profile folder, so it gets a copy; the old profile keeps its source.
        string uploads = Path.Combine(runtime.Value.StagingPath, "uploads");
        Directory.CreateDirectory(uploads);
        string copy = Path.Combine(uploads, $"{Guid.NewGuid():N}.part");
        File.Copy(source, copy);
        EnrollmentJob job = await jobs.CreateAsync(profile.Id, copy, CancellationToken.None);
        if (!EnqueueReEnrollment(queue, new EnrollmentRequest(profile.Id, job.Id, copy, sourceName, picture, ReplacesReadyProfile: true)))
        {
            await jobs.CompleteAsync(job.Id, EnrollmentJobState.Failed, "Too many uploads are waiting.", CancellationToken.None);
            File.Delete(copy);
            return ProfileEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "Busy", "Too many enrollments are waiting to be processed. Try again in a few minutes.");
        }
        return TypedResults.Accepted($"/api/jobs/{job.Id}", new ReEnrollAccepted(profile.Id, job.Id, picture));
    }

    /// <summary>The one call into the enrollment submit flow (the queue the uploads use).</summary>
    private static bool EnqueueReEnrollment(IBackgroundEnrollment queue, EnrollmentRequest request) => queue.TryEnqueue(request);
}

/// <summary>The body of PATCH /api/profiles/{id}: {"name": "…"}.</summary>
internal sealed record RenameRequest(string? Name);

/// <summary>The body of POST /api/profiles/{id}/reenroll: {"picture": "matte"|"plain"} (absent: Enrollment:Picture).</summary>
internal sealed record ReEnrollRequest(string? Picture);

/// <summary>202 of POST /api/profiles/{id}/reenroll: the job to follow (GET /api/jobs/{jobId}/events) and the picture mode.</summary>
internal sealed record ReEnrollAccepted(string ProfileId, string JobId, string Picture);
