using System.Text.Json.Nodes;
using PixelHolo.Core.Enrollment;

namespace PixelHolo.Enrollment;

/// <summary>What a re-enrollment keeps from the profile it replaces: the operator's display settings (manifest "display",
/// edited on the stage), which the new picture steps would otherwise reset to the configured defaults.</summary>
internal static class ProfileReEnrollment
{
    public static async Task CarryOverAsync(string oldFolder, EnrollmentContext context, CancellationToken cancellationToken)
    {
        string manifest = Path.Combine(oldFolder, "manifest.json");
        if (!File.Exists(manifest)) { return; }
        await using FileStream stream = File.OpenRead(manifest);
        if (await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) is JsonObject old && old["display"] is JsonObject display)
        {
            context.Facts["display"] = display.DeepClone();
        }
    }
}
