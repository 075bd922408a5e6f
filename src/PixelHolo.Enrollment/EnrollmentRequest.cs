namespace PixelHolo.Enrollment;

/// <summary>A validated upload waiting to become a profile.</summary>
/// <param name="ProfileId">The profile (state Enrolling) it becomes.</param>
/// <param name="JobId">The job that reports progress.</param>
/// <param name="UploadPath">The uploaded file in the staging area; the pipeline moves it into the profile folder.</param>
/// <param name="OriginalFileName">Name the user gave the file.</param>
/// <param name="Picture">Picture mode for this job ("matte" or "plain"); null = Enrollment:Picture.</param>
/// <param name="ReplacesReadyProfile">A re-run of a ready profile: its folder is replaced only when the job succeeds, and a
/// failure leaves the old profile as it was (ready, not failed).</param>
public sealed record EnrollmentRequest(string ProfileId, string JobId, string UploadPath, string OriginalFileName,
    string? Picture = null, bool ReplacesReadyProfile = false);

/// <summary>What an enrollment produced.</summary>
public sealed record EnrollmentResult(string ProfileId, string Folder, double VideoSeconds, double ElapsedSeconds, IReadOnlyDictionary<string, double> StageSeconds, IReadOnlyList<string> Findings);
