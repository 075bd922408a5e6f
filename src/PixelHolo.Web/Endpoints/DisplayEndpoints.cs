using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;

namespace PixelHolo.Web.Endpoints;

/// <summary>The stage's settings panel: GET and PUT /api/profiles/{id}/display read and write the profile's display
/// settings (the manifest's "display" section). A PUT may send only the keys it changes; the result is validated as a
/// whole (400 naming every bad value, nothing written) and written atomically (temp file, then move).</summary>
internal static class DisplayEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

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
        JsonObject manifest = await ReadManifestAsync(profile, cancellationToken);
        return TypedResults.Json(Current(manifest, defaults.Value), Json);
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IProfileStore profiles, IOptions<DisplaySettings> defaults, CancellationToken cancellationToken)
    {
        AvatarProfile? profile = await profiles.FindAsync(id, cancellationToken);
        if (profile is not { Status: ProfileStatus.Ready }) { return ProfileEndpoints.NotFound(id); }
        JsonObject? changes;
        try
        {
            changes = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException ex)
        {
            return Bad($"The body is not JSON ({ex.Message}). Send an object such as {{\"mirrorHorizontally\": true}}.");
        }
        if (changes is null) { return Bad("The body must be a JSON object of display settings, e.g. {\"scale\": 1.2}."); }

        await Writing.WaitAsync(cancellationToken);
        try
        {
            JsonObject manifest = await ReadManifestAsync(profile, cancellationToken);
            var merged = (JsonObject)JsonSerializer.SerializeToNode(Current(manifest, defaults.Value), Json)!;
            foreach (var (key, value) in changes) { merged[key] = value?.DeepClone(); }
            DisplaySettings settings;
            try
            {
                settings = merged.Deserialize<DisplaySettings>(Json) ?? defaults.Value;
            }
            catch (JsonException ex)
            {
                return Bad($"A display setting has the wrong type or an unknown name ({ex.Message}). Known: {string.Join(", ", KnownKeys())}.");
            }
            IReadOnlyList<string> problems = settings.Validate();
            if (problems.Count > 0) { return Bad(string.Join(" ", problems)); }
            manifest["display"] = JsonSerializer.SerializeToNode(settings, Json);
            string target = Path.Combine(profile.Folder, "manifest.json");
            string temp = target + ".display.tmp";
            await File.WriteAllTextAsync(temp, manifest.ToJsonString(Json), cancellationToken);
            File.Move(temp, target, overwrite: true);
            return TypedResults.Json(settings, Json);
        }
        finally
        {
            Writing.Release();
        }
    }

    /// <summary>The manifest's display section over the configured defaults (a section written by an older version
    /// lacks the newer keys; an unreadable one falls back to the defaults).</summary>
    internal static DisplaySettings Current(JsonObject manifest, DisplaySettings defaults)
    {
        if (manifest["display"] is not JsonObject stored) { return defaults; }
        var merged = (JsonObject)JsonSerializer.SerializeToNode(defaults, Json)!;
        foreach (var (key, value) in stored) { merged[key] = value?.DeepClone(); }
        try { return merged.Deserialize<DisplaySettings>(Json) ?? defaults; }
        catch (JsonException) { return defaults; }
    }

    internal static async Task<JsonObject> ReadManifestAsync(AvatarProfile profile, CancellationToken cancellationToken)
    {
        string path = Path.Combine(profile.Folder, "manifest.json");
        if (!File.Exists(path)) { return []; }
        await using FileStream stream = File.OpenRead(path);
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject ?? [];
    }

    private static IEnumerable<string> KnownKeys() =>
        typeof(DisplaySettings).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static IResult Bad(string detail) => ProfileEndpoints.Problem(StatusCodes.Status400BadRequest, "Bad display settings", detail);
}
