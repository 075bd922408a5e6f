using Microsoft.Data.Sqlite;
using PixelHolo.Core.Profiles;
using PixelHolo.TestSupport;

namespace PixelHolo.Storage.Tests.Damage;

/// <summary>Issue 15: the database opens after a crash or a damaged card (integrity check at start, the damaged file kept
/// aside), and one damaged row neither hides the others nor turns the list into an error.</summary>
public sealed class DatabaseDamageTests
{
    [Fact]
    public async Task Open_FileThatIsNotADatabase_KeptAsideAndAnEmptyDatabaseStarts()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        using var context = new StorageTestContext(folder);
        byte[] garbage = [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251))];
        await File.WriteAllBytesAsync(context.Runtime.DatabasePath, garbage);

        AvatarProfile made = await context.Profiles.CreateAsync("Ada", "");

        Assert.Equal(made.Id, Assert.Single(await context.Profiles.ListAsync()).Id);
        string kept = Assert.Single(Directory.GetFiles(folder.Path, "pixelholo.db.damaged-*"));
        Assert.Equal(garbage, await File.ReadAllBytesAsync(kept)); // nothing overwritten: it can still be recovered
    }

    [Fact]
    public async Task Open_DatabaseWithADamagedPage_QuickCheckFailsFileKeptAsideServerStillOpens()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        using (var first = new StorageTestContext(folder))
        {
            for (int i = 0; i < 200; i++) { await first.Profiles.CreateAsync($"Person {i}", new string('x', 500)); }
        }
        string path = Path.Combine(folder.Path, "pixelholo.db");
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "the WAL was not checkpointed");
        await using (FileStream file = new(path, FileMode.Open, FileAccess.ReadWrite))
        {
            // Page 3 onwards holds the profile rows' b-tree (4096-byte pages): scribble over two of them, as a torn write would.
            file.Position = 4096 * 3;
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 4096 * 2).ToArray());
        }

        using var second = new StorageTestContext(folder);
        IReadOnlyList<AvatarProfile> listed = await second.Profiles.ListAsync();

        Assert.Empty(listed);
        Assert.Single(Directory.GetFiles(folder.Path, "pixelholo.db.damaged-*"));
        Assert.NotNull(await second.Profiles.FindAsync((await second.Profiles.CreateAsync("Ada", "")).Id));
    }

    [Fact]
    public async Task List_RowWithAStatusThisVersionDoesNotKnow_ReadAsFailedOthersListedAndItCanBeDeleted()
    {
        using var context = new StorageTestContext();
        AvatarProfile good = await context.Profiles.CreateAsync("Ada", "");
        await using (SqliteConnection connection = await context.Database.OpenAsync(CancellationToken.None))
        await using (SqliteCommand command = connection.CreateCommand())
        {
            // Written by another tool (or a newer version) past the CHECK constraint, with a timestamp that is text.
            command.CommandText = "PRAGMA ignore_check_constraints = ON; " +
                "INSERT INTO profiles (id, name, personality, created_utc, status, folder) VALUES ('bad000000001', 'Bad', '', 'yesterday', 'Haunted', '/etc');";
            await command.ExecuteNonQueryAsync();
        }

        IReadOnlyList<AvatarProfile> listed = await context.Profiles.ListAsync();

        Assert.Contains(listed, p => p.Id == good.Id && p.Status == ProfileStatus.Enrolling);
        AvatarProfile bad = Assert.Single(listed, p => p.Id == "bad000000001");
        Assert.Equal(ProfileStatus.Failed, bad.Status);
        Assert.Equal("", bad.Folder); // a damaged row's folder is never trusted
        Assert.True(await context.Profiles.DeleteAsync("bad000000001"));
        Assert.True(Directory.Exists("/etc"));
        Assert.Single(await context.Profiles.ListAsync());
    }
}
