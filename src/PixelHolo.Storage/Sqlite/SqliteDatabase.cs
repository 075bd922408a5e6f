using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;

namespace PixelHolo.Storage.Sqlite;

/// <summary>The PixelHolo database file: hands out one open (pooled) connection per unit of work, and brings the
/// schema up to date (numbered migrations in <c>PRAGMA user_version</c>, WAL on) before the first one.</summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    /// <summary>The write-ahead log is kept near this size: <c>journal_size_limit</c> on every connection, and a
    /// <c>wal_checkpoint(TRUNCATE)</c> when it is found bigger. SQLite's own automatic checkpoints (every 1,000 pages) never
    /// shrink the file, and while readers come and go all the time (a kiosk's status page, 20 stages) the log is never
    /// restarted from its beginning, so it only grows: 77 MiB in the 10-minute soak (issue 15).</summary>
    internal const long WalLimitBytes = 4 * 1024 * 1024;

    /// <summary>Every this many connections handed out, the log's size is looked at (one stat).</summary>
    internal const int OpensBetweenWalChecks = 128;

    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _migrated;
    private bool _disposed;
    private int _opens;
    private int _checkpointing;
    private Task _checkpoint = Task.CompletedTask;

    public SqliteDatabase(IOptions<RuntimeOptions> runtime, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Path = runtime.Value.DatabasePath;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            // A writer waits up to this long for another writer's transaction instead of failing with "database is locked".
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Raised after each checkpoint that <see cref="CheckpointAsync"/> ran (also the automatic ones).</summary>
    internal event Action<WalCheckpoint>? Checkpointed;

    /// <summary>The size of the write-ahead log file now (0 when there is none).</summary>
    public long WalBytes
    {
        get
        {
            var wal = new FileInfo(Path + "-wal");
            return wal.Exists ? wal.Length : 0;
        }
    }

    /// <summary>Opens a connection with the schema up to date. The caller disposes it (it goes back to the pool).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_migrated) { await MigrateAsync(cancellationToken); }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection, not stored in the file; a pooled connection keeps it, setting it again costs no I/O.
            await ExecuteAsync(connection, $"PRAGMA journal_size_limit = {WalLimitBytes};", cancellationToken);
            if (Interlocked.Increment(ref _opens) % OpensBetweenWalChecks == 0) { CheckpointIfLarge(); }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the missing migration steps, each in its own transaction with its version bump.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _migrationLock.WaitAsync(cancellationToken);
        try
        {
            if (_migrated) { return; }
            string? folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder)) { Directory.CreateDirectory(folder); }
            if (await DamageAsync(cancellationToken) is { } damage) { MoveAside(damage); }
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken); // persistent: stored in the file
            long version = await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken);
            if (version > Migrations.Steps.Count)
            {
                throw new InvalidOperationException(
                    $"The database {Path} has schema version {version}, newer than this PixelHolo understands ({Migrations.Steps.Count}). " +
                    "Run the newer PixelHolo that wrote it, or move the file away to start with an empty database.");
            }
            for (long step = version; step < Migrations.Steps.Count; step++)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, Migrations.Steps[(int)step], cancellationToken, transaction);
                // PRAGMA takes no parameters; the value is our own loop counter, never input.
                await ExecuteAsync(connection, $"PRAGMA user_version = {step + 1};", cancellationToken, transaction);
                await transaction.CommitAsync(cancellationToken);
                LogMigrated(_logger, Path, step + 1);
            }
            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    /// <summary>What <c>PRAGMA quick_check</c> found wrong with an existing file (a power cut mid-write on a bad card, a
    /// truncated copy), or null when it is sound or absent.</summary>
    private async Task<string?> DamageAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path)) { return null; }
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check;";
            var found = new List<string>();
            await using (SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken) && found.Count < 3) { found.Add(reader.GetString(0)); }
            }
            return found is ["ok"] ? null : string.Join("; ", found);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            return ex.Message;
        }
        finally
        {
            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }

    /// <summary>The safe action for a damaged file: keep it (renamed, with its WAL) for recovery and start with an empty
    /// database, so the server runs and nothing is overwritten.</summary>
    private void MoveAside(string damage)
    {
        string kept = $"{Path}.damaged-{ShortId.New()}";
        foreach (string suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(Path + suffix)) { File.Move(Path + suffix, kept + suffix); }
        }
        LogDamaged(_logger, Path, damage, kept);
    }

    /// <summary>Starts a truncating checkpoint beside the caller's work when the log has grown past
    /// <see cref="WalLimitBytes"/> and none is running.</summary>
    private void CheckpointIfLarge()
    {
        if (WalBytes <= WalLimitBytes || Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0) { return; }
        _checkpoint = Task.Run(async () =>
        {
            try
            {
                await CheckpointAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or ObjectDisposedException)
            {
                LogCheckpointFailed(_logger, Path, ex); // the next check tries again; the data is safe in the log meanwhile
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        });
    }

    /// <summary>Copies the whole log into the database and truncates it to zero bytes (<c>wal_checkpoint(TRUNCATE)</c>). It
    /// waits at most a quarter of a second for readers on older snapshots (writers wait meanwhile); when they hold on,
    /// it reports <see cref="WalCheckpoint.Busy"/> and leaves the log as it is, for the next try.</summary>
    public async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_migrated) { await MigrateAsync(cancellationToken); }
        bool busy;
        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 250;", cancellationToken);
            try
            {
                busy = await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken) != 0;
            }
            finally
            {
                await ExecuteAsync(connection, "PRAGMA busy_timeout = 0;", CancellationToken.None); // pooled: as the others
            }
        }
        var result = new WalCheckpoint(busy, WalBytes);
        LogCheckpointed(_logger, Path, result.Busy, result.WalBytes);
        Checkpointed?.Invoke(result);
        return result;
    }

    public void Dispose()
    {
        if (_disposed) { return; }
        _disposed = true;
        // A checkpoint in flight takes at most a quarter of a second of waiting; let it end before the pool is cleared.
        try { _checkpoint.Wait(TimeSpan.FromSeconds(30)); }
        catch (AggregateException) { /* logged by the task itself */ }
        _migrationLock.Dispose();
        // Close the pooled connections of this file so the WAL is checkpointed and the file is released.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Database {Path} failed its integrity check ({Damage}); it was kept as {Kept} and an empty database started. " +
                  "Profiles made before are not listed: recover them with `sqlite3 {Kept} .recover | sqlite3 {Path}` while the server is stopped, or enroll again.")]
    private static partial void LogDamaged(ILogger logger, string path, string damage, string kept);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database {Path}: write-ahead log checkpointed (busy: {Busy}), now {WalBytes} bytes")]
    private static partial void LogCheckpointed(ILogger logger, string path, bool busy, long walBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Path}: the write-ahead log could not be checkpointed; the next check tries again")]
    private static partial void LogCheckpointFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path} migrated to schema version {Version}")]
    private static partial void LogMigrated(ILogger logger, string path, long version);
}

/// <summary>What a truncating checkpoint did.</summary>
/// <param name="Busy">Readers on older snapshots held on: the log was not (wholly) copied or truncated this time.</param>
/// <param name="WalBytes">The log file's size afterwards.</param>
internal readonly record struct WalCheckpoint(bool Busy, long WalBytes);
