namespace PixelHolo.Core.Storage;

/// <summary>At start: jobs left Queued/Running by a killed process are marked failed with a clear message, their profiles
/// marked failed, and every staging folder discarded — never a half profile.</summary>
public interface IEnrollmentRecovery
{
    /// <summary>Returns how many interrupted jobs were cleaned.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken = default);
}
