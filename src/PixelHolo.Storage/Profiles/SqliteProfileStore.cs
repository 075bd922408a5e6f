using Microsoft.Data.Sqlite;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Folders;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Profiles;

/// <summary>Profiles in SQLite. Deleting one removes its rows (jobs, conversations and turns cascade) and its folder.</summary>
internal sealed class SqliteProfileStore(SqliteDatabase database, ProfileFolders folders, TimeProvider time) : IProfileStore
{
    private const string Columns = "id, name, personality, created_utc, status, folder";

    public async Task<AvatarProfile> CreateAsync(string name, string personality, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(personality);
        var profile = new AvatarProfile(ShortId.New(), name.Trim(), personality, time.GetUtcNow(), ProfileStatus.Enrolling, "");
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "INSERT INTO profiles (id, name, personality, created_utc, status, folder) VALUES ($id, $name, $personality, $created, $status, '');")
            .With("$id", profile.Id).With("$name", profile.Name).With("$personality", profile.Personality)
            .With("$created", profile.CreatedUtc.UtcTicks).With("$status", profile.Status.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return profile;
    }

    public async Task<AvatarProfile?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command($"SELECT {Columns} FROM profiles WHERE id = $id;").With("$id", id);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<AvatarProfile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command($"SELECT {Columns} FROM profiles ORDER BY created_utc DESC, id;");
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var profiles = new List<AvatarProfile>();
        while (await reader.ReadAsync(cancellationToken)) { profiles.Add(Read(reader)); }
        return profiles;
    }

    public async Task<bool> RenameAsync(string id, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command("UPDATE profiles SET name = $name WHERE id = $id;").With("$id", id).With("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkReadyAsync(string id, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Profile {id} cannot be marked ready: its folder {folder} does not exist. Commit the staging folder first.");
        }
        await SetStatusAsync(id, ProfileStatus.Ready, Path.GetFullPath(folder), cancellationToken);
    }

    public Task MarkFailedAsync(string id, CancellationToken cancellationToken = default) =>
        SetStatusAsync(id, ProfileStatus.Failed, folder: null, cancellationToken);

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        int deleted;
        await using (SqliteConnection connection = await database.OpenAsync(cancellationToken))
        {
            // One statement, one transaction: the profile's jobs, conversations, turns and timings go with it (ON DELETE CASCADE).
            await using SqliteCommand command = connection.Command("DELETE FROM profiles WHERE id = $id;").With("$id", id);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (deleted == 0) { return false; }
        if (ShortId.IsValid(id)) { folders.DeleteFinal(id); }
        return true;
    }

    private async Task SetStatusAsync(string id, ProfileStatus status, string? folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "UPDATE profiles SET status = $status, folder = COALESCE($folder, folder) WHERE id = $id;")
            .With("$id", id).With("$status", status.ToString()).With("$folder", folder);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new KeyNotFoundException($"No profile with id '{id}' exists (it may have been deleted); cannot mark it {status}.");
        }
    }

    /// <summary>One row; a damaged one (a status this version does not know, a missing text) reads as a failed profile, so
    /// one bad row neither hides the others nor turns the list into an error; deleting it removes it.</summary>
    private static AvatarProfile Read(SqliteDataReader reader)
    {
        bool known = Enum.TryParse(TextOrEmpty(reader, 4), ignoreCase: false, out ProfileStatus status) && Enum.IsDefined(status);
        return new AvatarProfile(reader.GetString(0), TextOrEmpty(reader, 1), TextOrEmpty(reader, 2), reader.ReadUtc(3),
            known ? status : ProfileStatus.Failed, known ? TextOrEmpty(reader, 5) : "");
    }

    private static string TextOrEmpty(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);
}
