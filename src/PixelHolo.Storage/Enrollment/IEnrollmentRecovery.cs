namespace PixelHolo.Storage.Enrollment;

/// <summary>Cleans what a killed process left behind. The host calls <see cref="RecoverAsync"/> once at start-up,
/// before it accepts uploads.</summary>
public interface IEnrollmentRecovery
{
    Task<EnrollmentRecoveryResult> RecoverAsync(CancellationToken cancellationToken = default);
}

/// <summary>What start-up recovery cleaned.</summary>
/// <param name="JobsFailed">Jobs found Queued or Running and marked Failed.</param>
/// <param name="ProfilesFailed">Profiles found Enrolling and marked Failed.</param>
/// <param name="StagingFoldersRemoved">Half-built folders deleted from runtime/staging.</param>
public sealed record EnrollmentRecoveryResult(int JobsFailed, int ProfilesFailed, int StagingFoldersRemoved);
