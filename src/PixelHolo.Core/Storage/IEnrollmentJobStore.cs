using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Storage;

/// <summary>Enrollment jobs: state, progress and error, so a page reload or a restart sees where a job is.</summary>
public interface IEnrollmentJobStore
{
    Task<EnrollmentJob> CreateAsync(string profileId, string sourcePath, CancellationToken cancellationToken = default);

    Task<EnrollmentJob?> FindAsync(string jobId, CancellationToken cancellationToken = default);

    Task UpdateProgressAsync(string jobId, EnrollmentProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Ends a job as Succeeded, Failed or Cancelled, with the error text (what is wrong — what to do) when it failed.</summary>
    Task CompleteAsync(string jobId, EnrollmentJobState state, string? error, CancellationToken cancellationToken = default);

    /// <summary>Jobs still Queued or Running (after a crash these are the ones to clean or resume).</summary>
    Task<IReadOnlyList<EnrollmentJob>> ListUnfinishedAsync(CancellationToken cancellationToken = default);
}

/// <summary>One enrollment job as stored.</summary>
public sealed record EnrollmentJob(
    string Id,
    string ProfileId,
    string SourcePath,
    EnrollmentJobState State,
    string Stage,
    double Progress,
    string? Error,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc);
