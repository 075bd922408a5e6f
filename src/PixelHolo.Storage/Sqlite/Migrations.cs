namespace PixelHolo.Storage.Sqlite;

/// <summary>The schema as numbered steps. Step N brings the database from <c>PRAGMA user_version</c> N-1 to N.
/// Never edit a step that has shipped: add the next one.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: profiles, enrollment jobs, conversations, turns with per-stage timings.
        // Times are UTC ticks (exact round trip of DateTimeOffset); deleting a profile cascades to everything it owns.
        """
        CREATE TABLE profiles (
            id           TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            personality  TEXT NOT NULL,
            created_utc  INTEGER NOT NULL,
            status       TEXT NOT NULL CHECK (status IN ('Enrolling', 'Ready', 'Failed')),
            folder       TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX ix_profiles_created ON profiles (created_utc DESC);

        CREATE TABLE enrollment_jobs (
            id           TEXT PRIMARY KEY,
            profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            source_path  TEXT NOT NULL,
            state        TEXT NOT NULL CHECK (state IN ('Queued', 'Running', 'Succeeded', 'Failed', 'Cancelled')),
            stage        TEXT NOT NULL DEFAULT '',
            progress     REAL NOT NULL DEFAULT 0,
            error        TEXT,
            created_utc  INTEGER NOT NULL,
            updated_utc  INTEGER NOT NULL
        );
        CREATE INDEX ix_jobs_state ON enrollment_jobs (state);
        CREATE INDEX ix_jobs_profile ON enrollment_jobs (profile_id);

        CREATE TABLE conversations (
            id           TEXT PRIMARY KEY,
            profile_id   TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
            started_utc  INTEGER NOT NULL
        );
        CREATE INDEX ix_conversations_profile ON conversations (profile_id);

        CREATE TABLE turns (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id  TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            question         TEXT NOT NULL,
            answer           TEXT,
            error            TEXT,
            at_utc           INTEGER NOT NULL,
            CHECK ((answer IS NULL) <> (error IS NULL))
        );
        CREATE INDEX ix_turns_conversation ON turns (conversation_id, id);

        CREATE TABLE turn_timings (
            turn_id  INTEGER NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
            stage    TEXT NOT NULL,
            seconds  REAL NOT NULL,
            PRIMARY KEY (turn_id, stage)
        ) WITHOUT ROWID;
        """,
        // 2: the streaming turn (issue 9): the stage's turn id, whether the answer was cut (barge-in or a fault; the answer
        // column then holds only the words heard) and the fault that cut a partly heard answer.
        """
        ALTER TABLE turns ADD COLUMN turn_key TEXT;
        ALTER TABLE turns ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE turns ADD COLUMN fault TEXT;
        CREATE INDEX ix_turns_at ON turns (at_utc DESC);
        """,
    ];
}
