namespace PixelHolo.Enrollment;

/// <summary>A validated upload waiting to become a profile.</summary>
/// <param name="ProfileId">The profile (state Enrolling) it becomes.</param>
/// <param name="JobId">The job that reports progress.</param>
/// <param name="UploadPath">The uploaded file in the staging area; the pipeline moves it into the profile folder.</param>
/// <param name="OriginalFileName">Name the user gave the file.</param>
public sealed record EnrollmentRequest(string ProfileId, string JobId, string UploadPath, string OriginalFileName);

/// <summary>What an enrollment produced.</summary>
public sealed record EnrollmentResult(string ProfileId, string Folder, double VideoSeconds, double ElapsedSeconds, IReadOnlyDictionary<string, double> StageSeconds, IReadOnlyList<string> Findings);
