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
                "INSERT INTO turns (conversation_id, question, answer, error, at_utc) VALUES ($conversation, $question, $answer, $error, $at) RETURNING id;",
                transaction)
            .With("$conversation", conversationId).With("$question", turn.Question).With("$answer", turn.Answer)
            .With("$error", turn.Error).With("$at", turn.AtUtc.UtcTicks))
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
        await using SqliteConnection connection = await database.OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.Command(
                "SELECT t.id, t.question, t.answer, t.error, t.at_utc, s.stage, s.seconds " +
                "FROM turns t LEFT JOIN turn_timings s ON s.turn_id = t.id " +
                "WHERE t.conversation_id = $conversation ORDER BY t.id, s.stage;")
            .With("$conversation", conversationId);
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
                turns.Add(new TurnRecord(reader.GetString(1), reader.ReadNullableString(2), reader.ReadNullableString(3), stages, reader.ReadUtc(4)));
            }
            if (!reader.IsDBNull(5)) { stages![reader.GetString(5)] = reader.GetDouble(6); }
        }
        return turns;
    }
}
