using PixelHolo.Core.Enrollment;

namespace PixelHolo.Enrollment;

/// <summary>What a re-enrollment keeps from the profile it replaces: the operator's display settings (manifest "display",
/// edited on the stage), which the new picture steps would otherwise reset to the configured defaults.</summary>
internal static class ProfileReEnrollment
{
    public static async Task CarryOverAsync(string oldFolder, EnrollmentContext context, CancellationToken cancellationToken)
    {
        if (await ProfileManifestFile.ReadAsync(oldFolder, cancellationToken) is { Display: { } display })
        {
            context.Facts.Display = display;
        }
    }
}
