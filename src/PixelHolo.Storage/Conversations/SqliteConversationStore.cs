using Microsoft.Data.Sqlite;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Conversations;

/// <summary>Conversations and their turns in SQLite; a turn and its per-stage timings are written in one transaction.</summary>
internal sealed class SqliteConversationStore(SqliteDatabase database, TimeProvider time) : IConversationStore
{
    public async Task<string> StartAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileId);
        string id = ShortId.New();
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "INSERT INTO conversations (id, profile_id, started_utc) VALUES ($id, $profile, $now);")
            .With("$id", id).With("$profile", profileId).With("$now", time.GetUtcNow().UtcTicks);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the foreign key to profiles
        {
            throw new KeyNotFoundException($"Cannot start a conversation with profile '{profileId}': no such profile.", ex);
        }
        return id;
    }

    public async Task AddTurnAsync(string conversationId, TurnRecord turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(turn);
        if ((turn.Answer is null) == (turn.Error is null))
        {
            throw new ArgumentException("A turn has an answer or an error, never both and never neither (a failure is not history).", nameof(turn));
        }
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long turnId;
        await using (SqliteCommand insert = connection.Command(
                "INSERT INTO turns (conversation_id, question, answer, error, at_utc, turn_key, interrupted, fault) " +
                "VALUES ($conversation, $question, $answer, $error, $at, $key, $interrupted, $fault) RETURNING id;",
                transaction)
            .With("$conversation", conversationId).With("$question", turn.Question).With("$answer", turn.Answer)
            .With("$error", turn.Error).With("$at", turn.AtUtc.UtcTicks).With("$key", turn.TurnId)
            .With("$interrupted", turn.Interrupted ? 1 : 0).With("$fault", turn.Fault))
        {
            try
            {
                turnId = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new KeyNotFoundException($"Cannot add a turn to conversation '{conversationId}': no such conversation (was its profile deleted?).", ex);
            }
        }
        if (turn.StageSeconds.Count > 0)
        {
            await using SqliteCommand timing = connection.Command(
                "INSERT INTO turn_timings (turn_id, stage, seconds) VALUES ($turn, $stage, $seconds);", transaction);
            SqliteParameter stage = timing.Parameters.Add("$stage", SqliteType.Text);
            SqliteParameter seconds = timing.Parameters.Add("$seconds", SqliteType.Real);
            timing.Parameters.AddWithValue("$turn", turnId);
            foreach ((string name, double value) in turn.StageSeconds)
            {
                stage.Value = name;
                seconds.Value = value;
                await timing.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return await ReadTurnsAsync(
            "WITH picked AS (SELECT * FROM turns WHERE conversation_id = $conversation) " + SelectTurns + "ORDER BY t.id, s.stage;",
            "$conversation", conversationId, cancellationToken);
    }

    public async Task<IReadOnlyList<TurnRecord>> GetRecentTurnsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return await ReadTurnsAsync(
            "WITH picked AS (SELECT * FROM turns ORDER BY at_utc DESC, id DESC LIMIT $count) " + SelectTurns + "ORDER BY t.at_utc DESC, t.id DESC, s.stage;",
            "$count", count, cancellationToken);
    }

    private const string SelectTurns =
        "SELECT t.id, t.question, t.answer, t.error, t.at_utc, s.stage, s.seconds, t.turn_key, t.interrupted, t.fault " +
        "FROM picked t LEFT JOIN turn_timings s ON s.turn_id = t.id ";

    private async Task<IReadOnlyList<TurnRecord>> ReadTurnsAsync(string sql, string name, object value, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(sql).With(name, value);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var turns = new List<TurnRecord>();
        long currentId = -1;
        Dictionary<string, double>? stages = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            long id = reader.GetInt64(0);
            if (id != currentId)
            {
                currentId = id;
                stages = new Dictionary<string, double>(StringComparer.Ordinal);
                turns.Add(new TurnRecord(reader.GetString(1), reader.ReadNullableString(2), reader.ReadNullableString(3), stages, reader.ReadUtc(4),
                    reader.ReadNullableString(7), reader.GetInt64(8) != 0, reader.ReadNullableString(9)));
            }
            if (!reader.IsDBNull(5)) { stages![reader.GetString(5)] = reader.GetDouble(6); }
        }
        return turns;
    }
}
