using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Storage.Sqlite;
using PixelHolo.TestSupport;

namespace PixelHolo.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task MigrateAsync_NoDatabaseFile_CreatesSchemaInWalModeAndSetsUserVersion()
    {
        using var context = new StorageTestContext();
        Assert.False(File.Exists(context.Runtime.DatabasePath));

        await using SqliteConnection connection = await context.Database.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(context.Runtime.DatabasePath));
        Assert.Equal((long)Migrations.Steps.Count, await ScalarAsync(connection, "PRAGMA user_version;"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys;"));
        foreach (string table in new[] { "profiles", "enrollment_jobs", "conversations", "turns", "turn_timings" })
        {
            Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';"));
        }
    }

    [Fact]
    public async Task OpenAsync_ReopenedByANewProcess_KeepsDataAndDoesNotMigrateAgain()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        string id;
        using (var first = new StorageTestContext(folder))
        {
            id = (await first.Profiles.CreateAsync("Ada", "curious")).Id;
        }

        using var second = new StorageTestContext(folder);
        var profile = await second.Profiles.FindAsync(id);

        Assert.NotNull(profile);
        Assert.Equal("Ada", profile.Name);
        await using SqliteConnection connection = await second.Database.OpenAsync(CancellationToken.None);
        Assert.Equal((long)Migrations.Steps.Count, await ScalarAsync(connection, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromANewerVersion_ThrowsWithTheFix()
    {
        using var folder = new TempDirectory("pixelholo-storage");
        var runtime = new RuntimeOptions { Directory = folder.Path };
        await using (var raw = new SqliteConnection($"Data Source={runtime.DatabasePath};Pooling=False"))
        {
            await raw.OpenAsync();
            await using SqliteCommand command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            await command.ExecuteNonQueryAsync();
        }
        using var database = new SqliteDatabase(Options.Create(runtime), NullLogger<SqliteDatabase>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
