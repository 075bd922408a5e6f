using Microsoft.Data.Sqlite;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Enrollment;

/// <summary>Enrollment jobs in SQLite, so a page reload or a restart sees where each job is.</summary>
internal sealed class SqliteEnrollmentJobStore(SqliteDatabase database, TimeProvider time) : IEnrollmentJobStore
{
    private const string Columns = "id, profile_id, source_path, state, stage, progress, error, created_utc, updated_utc";

    public async Task<EnrollmentJob> CreateAsync(string profileId, string sourcePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileId);
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        DateTimeOffset now = time.GetUtcNow();
        var job = new EnrollmentJob(ShortId.New(), profileId, sourcePath, EnrollmentJobState.Queued, "", 0, null, now, now);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "INSERT INTO enrollment_jobs (id, profile_id, source_path, state, stage, progress, error, created_utc, updated_utc) " +
                "VALUES ($id, $profile, $source, $state, '', 0, NULL, $now, $now);")
            .With("$id", job.Id).With("$profile", profileId).With("$source", sourcePath)
            .With("$state", job.State.ToString()).With("$now", now.UtcTicks);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the foreign key to profiles
        {
            throw new KeyNotFoundException($"Cannot create an enrollment job for profile '{profileId}': no such profile. Create the profile first.", ex);
        }
        return job;
    }

    public async Task<EnrollmentJob?> FindAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command($"SELECT {Columns} FROM enrollment_jobs WHERE id = $id;").With("$id", jobId);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task UpdateProgressAsync(string jobId, EnrollmentProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(progress);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        // Only an unfinished job moves; a late progress report after completion must not reopen it.
        await using SqliteCommand command = connection.Command(
                "UPDATE enrollment_jobs SET state = 'Running', stage = $stage, progress = $progress, updated_utc = $now " +
                "WHERE id = $id AND state IN ('Queued', 'Running');")
            .With("$id", jobId).With("$stage", progress.Stage).With("$progress", Math.Clamp(progress.OverallFraction, 0, 1))
            .With("$now", time.GetUtcNow().UtcTicks);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) { await ThrowMissingOrFinishedAsync(connection, jobId, cancellationToken); }
    }

    public async Task CompleteAsync(string jobId, EnrollmentJobState state, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (state is EnrollmentJobState.Queued or EnrollmentJobState.Running)
        {
            throw new ArgumentException($"A job ends as Succeeded, Failed or Cancelled, not {state}.", nameof(state));
        }
        if (state == EnrollmentJobState.Failed && string.IsNullOrWhiteSpace(error))
        {
            throw new ArgumentException("A failed job needs its error text (what is wrong — what to do).", nameof(error));
        }
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "UPDATE enrollment_jobs SET state = $state, error = $error, " +
                "progress = CASE WHEN $state = 'Succeeded' THEN 1 ELSE progress END, updated_utc = $now " +
                "WHERE id = $id AND state IN ('Queued', 'Running');")
            .With("$id", jobId).With("$state", state.ToString()).With("$error", error).With("$now", time.GetUtcNow().UtcTicks);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) { await ThrowMissingOrFinishedAsync(connection, jobId, cancellationToken); }
    }

    public async Task<IReadOnlyList<EnrollmentJob>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
            $"SELECT {Columns} FROM enrollment_jobs WHERE state IN ('Queued', 'Running') ORDER BY created_utc, id;");
        return await ReadAllAsync(command, cancellationToken);
    }

    internal static async Task<IReadOnlyList<EnrollmentJob>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<EnrollmentJob>();
        while (await reader.ReadAsync(cancellationToken)) { jobs.Add(Read(reader)); }
        return jobs;
    }

    private static async Task ThrowMissingOrFinishedAsync(SqliteConnection connection, string jobId, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.Command("SELECT state FROM enrollment_jobs WHERE id = $id;").With("$id", jobId);
        object? state = await command.ExecuteScalarAsync(cancellationToken);
        throw state is null
            ? new KeyNotFoundException($"No enrollment job with id '{jobId}' exists.")
            : new InvalidOperationException($"Enrollment job '{jobId}' already ended as {state}; it cannot change any more.");
    }

    private static EnrollmentJob Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<EnrollmentJobState>(reader.GetString(3)),
        reader.GetString(4), reader.GetDouble(5), reader.ReadNullableString(6), reader.ReadUtc(7), reader.ReadUtc(8));
}
