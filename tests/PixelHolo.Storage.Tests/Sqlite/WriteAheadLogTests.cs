using Microsoft.Data.Sqlite;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Tests.Sqlite;

/// <summary>The write-ahead log stays bounded (issue 15: it grew to 77 MiB in the 10-minute soak). Real SQLite files.</summary>
public sealed class WriteAheadLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Writes_WhileAReaderHoldsAnOldSnapshot_LogGrowsThenIsCutBackOnceTheReaderIsGoneAndStaysBounded()
    {
        using var context = new StorageTestContext();
        string profile = (await context.Profiles.CreateAsync("Ada", "curious")).Id;
        string conversation = await context.Conversations.StartAsync(profile);

        // A reader that stays on its snapshot: no checkpoint can copy past it, so every write lengthens the log.
        await using (var reader = new SqliteConnection($"Data Source={context.Runtime.DatabasePath};Pooling=False"))
        {
            await reader.OpenAsync();
            await using SqliteTransaction snapshot = reader.BeginTransaction(deferred: true);
            await using (SqliteCommand read = reader.CreateCommand())
            {
                read.Transaction = snapshot;
                read.CommandText = "SELECT count(*) FROM turns;";
                await read.ExecuteScalarAsync();
            }
            int written = 0;
            while (context.Database.WalBytes <= 2 * SqliteDatabase.WalLimitBytes && written < 20_000)
            {
                await context.Conversations.AddTurnAsync(conversation, Turn(written++, context));
            }
            Assert.True(context.Database.WalBytes > 2 * SqliteDatabase.WalLimitBytes,
                $"{written} turns left the log at {context.Database.WalBytes} bytes; the reader should have kept it growing");
        }

        // The writes go on as a stage's would: the log is copied and cut back (SQLite's automatic checkpoint, then
        // journal_size_limit when the log restarts, or our truncating check, whichever comes first), not left at its peak.
        int after = 0;
        while (context.Database.WalBytes > SqliteDatabase.WalLimitBytes && after < 20 * SqliteDatabase.OpensBetweenWalChecks)
        {
            await context.Conversations.AddTurnAsync(conversation, Turn(after++, context));
        }
        Assert.InRange(context.Database.WalBytes, 0, SqliteDatabase.WalLimitBytes);
        long most = 0;
        for (int i = 0; i < 4 * SqliteDatabase.OpensBetweenWalChecks; i++)
        {
            await context.Conversations.AddTurnAsync(conversation, Turn(i, context));
            most = Math.Max(most, context.Database.WalBytes);
        }
        Assert.InRange(most, 0, SqliteDatabase.WalLimitBytes + (1 << 20)); // the limit, and at most one checkpoint's worth more
        Assert.NotEmpty(await context.Conversations.GetTurnsAsync(conversation)); // nothing lost on the way
    }

    [Fact]
    public async Task CheckpointAsync_NoReader_CopiesTheWholeLogAndTruncatesItToNothing()
    {
        using var context = new StorageTestContext();
        string profile = (await context.Profiles.CreateAsync("Ada", "curious")).Id;
        string conversation = await context.Conversations.StartAsync(profile);
        for (int i = 0; i < 50; i++) { await context.Conversations.AddTurnAsync(conversation, Turn(i, context)); }
        Assert.True(context.Database.WalBytes > 0);

        WalCheckpoint result = await context.Database.CheckpointAsync(CancellationToken.None);

        Assert.False(result.Busy);
        Assert.Equal(0, result.WalBytes);
        Assert.Equal(50, (await context.Conversations.GetTurnsAsync(conversation)).Count);
    }

    private static TurnRecord Turn(int i, StorageTestContext context) => new(
        $"Question number {i}: what did you do on the ships?", $"Answer number {i}: " + new string('x', 400), null,
        new Dictionary<string, double> { ["firstAudio"] = 0.4, ["total"] = 2.1 }, context.Time.GetUtcNow());
}
