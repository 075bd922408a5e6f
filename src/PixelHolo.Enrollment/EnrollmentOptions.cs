using System.ComponentModel.DataAnnotations;

namespace PixelHolo.Enrollment;

/// <summary>How enrollment makes the picture (section "Enrollment", env PIXELHOLO_Enrollment__*).</summary>
public sealed class EnrollmentOptions
{
    public const string SectionName = "Enrollment";
    public const string MattePicture = "matte";
    public const string PlainPicture = "plain";

    /// <value>"matte" (default): content check (one face, speech), person on pure black, chosen still, idle loop.
    /// "plain": the footage as filmed and its first frame as the still — fast, for trying PixelHolo out on a slow machine.</value>
    [RegularExpression("^(matte|plain)$", ErrorMessage = "Enrollment:Picture must be \"matte\" or \"plain\".")]
    public string Picture { get; set; } = MattePicture;

    /// <value>How long a job in flight may run on after shutdown starts before it is cancelled (and marked interrupted).
    /// `pixelholo serve` sets it from Web:ShutdownGrace (the one setting to change), over anything given here.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "The shutdown grace must be between 0 and 10 minutes.")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <value>Uploads that may wait for the worker; one more is refused (503) rather than piling up on disk.</value>
    [Range(1, 1000, ErrorMessage = "Enrollment:MaxQueuedJobs must be between 1 and 1000.")]
    public int MaxQueuedJobs { get; set; } = 16;
}
