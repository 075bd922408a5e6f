using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Enrollment;

namespace PixelHolo.Web.Endpoints;

/// <summary>The stage's settings panel: GET and PUT /api/profiles/{id}/display read and write the profile's display
/// settings (the manifest's "display" section). A PUT may send only the keys it changes; the result is validated as a
/// whole (400 naming every bad value, nothing written) and written atomically (temp file, then move).</summary>
internal static class DisplayEndpoints
{
    /// <summary>A PUT body: the display settings by their JSON names, an unknown name refused (it would be lost silently).</summary>
    private static readonly JsonTypeInfo<DisplayOverrides> StrictBody = (JsonTypeInfo<DisplayOverrides>)new JsonSerializerOptions(WebJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    }.GetTypeInfo(typeof(DisplayOverrides));

    private static readonly SemaphoreSlim Writing = new(1, 1);

    public static IEndpointRouteBuilder MapDisplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/profiles/{id}/display", GetAsync);
        app.MapPut("/api/profiles/{id}/display", PutAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, IProfileStore profiles, IOptions<DisplaySettings> defaults, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(id); }
        ManifestRead read = await ManifestRead.FromAsync(profile, cancellationToken);
        return read.Manifest is { } manifest ? TypedResults.Ok(Current(manifest, defaults.Value)) : ProfileEndpoints.Damaged(read.Problem!);
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IProfileStore profiles, IOptions<DisplaySettings> defaults, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(id); }
        DisplayOverrides? changes;
        try
        {
            changes = await JsonSerializer.DeserializeAsync(request.Body, StrictBody, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Bad($"The body is not an object of display settings ({ex.Message}). Send e.g. {{\"mirrorHorizontally\": true}}. Known: {string.Join(", ", KnownKeys())}.");
        }
        if (changes is null) { return Bad("The body must be a JSON object of display settings, e.g. {\"scale\": 1.2}."); }

        await Writing.WaitAsync(cancellationToken);
        try
        {
            ManifestRead read = await ManifestRead.FromAsync(profile, cancellationToken);
            if (read is not { Manifest: { } manifest }) { return ProfileEndpoints.Damaged(read.Problem!); }
            DisplaySettings settings = changes.ApplyTo(Current(manifest, defaults.Value));
            IReadOnlyList<string> problems = settings.Validate();
            if (problems.Count > 0) { return Bad(string.Join(" ", problems)); }
            manifest.Display = DisplayOverrides.From(settings);
            await ProfileManifestFile.WriteAsync(profile.Folder, manifest, cancellationToken);
            return TypedResults.Ok(settings);
        }
        finally
        {
            Writing.Release();
        }
    }

    /// <summary>The manifest's display section over the configured defaults (a section written by an older version lacks the
    /// newer keys; the plain picture mode writes none).</summary>
    internal static DisplaySettings Current(ProfileManifest manifest, DisplaySettings defaults) =>
        manifest.Display is { } stored ? stored.ApplyTo(defaults) : defaults;

    private static IEnumerable<string> KnownKeys() =>
        WebJsonContext.Default.DisplayOverrides.Properties.Select(p => p.Name);

    private static IResult Bad(string detail) => ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad display settings", detail);
}
