using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Folders;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Enrollment;

/// <summary>Start-up clean-up after a killed process: jobs left Queued or Running are failed with a message that says
/// what to do, their profiles are failed (and any folder they reached removed), and every staging folder is deleted.
/// Never a half profile. Run it once, before the first enrollment job of this process starts.</summary>
internal sealed partial class EnrollmentRecovery(
    SqliteDatabase database, ProfileFolders folders, TimeProvider time, ILogger<EnrollmentRecovery> logger) : IEnrollmentRecovery
{
    public const string InterruptedMessage =
        "The server stopped while this profile was being made, so it was not finished. Upload the video again to make it.";

    public async Task<EnrollmentRecoveryResult> RecoverAsync(CancellationToken cancellationToken = default)
    {
        long now = time.GetUtcNow().UtcTicks;
        IReadOnlyList<EnrollmentJob> interrupted;
        List<string> failedProfiles = [];
        await using (SqliteConnection connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (SqliteCommand select = connection.Command(
                "SELECT id, profile_id, source_path, state, stage, progress, error, created_utc, updated_utc " +
                "FROM enrollment_jobs WHERE state IN ('Queued', 'Running');", transaction))
            {
                interrupted = await SqliteEnrollmentJobStore.ReadAllAsync(select, cancellationToken);
            }
            await using (SqliteCommand failJobs = connection.Command(
                    "UPDATE enrollment_jobs SET state = 'Failed', error = $error, updated_utc = $now WHERE state IN ('Queued', 'Running');", transaction)
                .With("$error", InterruptedMessage).With("$now", now))
            {
                await failJobs.ExecuteNonQueryAsync(cancellationToken);
            }
            // Nothing enrolls before recovery has run, so every profile still Enrolling belongs to a dead process.
            await using (SqliteCommand select = connection.Command("SELECT id FROM profiles WHERE status = 'Enrolling';", transaction))
            await using (SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) { failedProfiles.Add(reader.GetString(0)); }
            }
            await using (SqliteCommand failProfiles = connection.Command(
                "UPDATE profiles SET status = 'Failed', folder = '' WHERE status = 'Enrolling';", transaction))
            {
                await failProfiles.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        // A process killed between the folder's rename and "mark ready" leaves a folder of a profile now Failed: remove it too.
        foreach (string profileId in failedProfiles.Where(ShortId.IsValid)) { folders.DeleteFinal(profileId); }
        int staging = folders.DiscardAllStaging();
        var result = new EnrollmentRecoveryResult(interrupted.Count, failedProfiles.Count, staging);
        if (result.JobsFailed + result.ProfilesFailed + result.StagingFoldersRemoved > 0)
        {
            LogRecovered(logger, result.JobsFailed, result.ProfilesFailed, result.StagingFoldersRemoved);
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Recovered from an unclean stop: {Jobs} enrollment job(s) and {Profiles} profile(s) marked failed, {Staging} staging folder(s) removed")]
    private static partial void LogRecovered(ILogger logger, int jobs, int profiles, int staging);
}
