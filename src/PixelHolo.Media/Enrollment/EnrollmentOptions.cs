using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Media.Enrollment;

/// <summary>How enrollment makes the picture.</summary>
public sealed class EnrollmentOptions
{
    public const string SectionName = "Enrollment";

    /// <value>"matte" (default): content check (one face, speech), person on pure black, chosen still, idle loop.
    /// "plain": the footage as filmed and its first frame as the still — fast, for trying PixelHolo out on a slow machine.</value>
    [RegularExpression("^(matte|plain)$")]
    public string Picture { get; set; } = "matte";
}
