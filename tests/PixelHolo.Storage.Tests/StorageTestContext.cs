using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Storage.Conversations;
using PixelHolo.Storage.Enrollment;
using PixelHolo.Storage.Folders;
using PixelHolo.Storage.Profiles;
using PixelHolo.Storage.Sqlite;
using PixelHolo.TestSupport;

namespace PixelHolo.Storage.Tests;

/// <summary>The real stores on a real SQLite file in a fresh temp runtime folder. A second context on the same
/// folder is a restarted process (new database object, new pool entries, same file).</summary>
internal sealed class StorageTestContext : IDisposable
{
    private readonly TempDirectory? _owned;

    public StorageTestContext(TempDirectory? shared = null, ManualTimeProvider? time = null)
    {
        if (shared is null) { _owned = new TempDirectory("pixelholo-storage"); }
        Folder = (shared ?? _owned!).Path;
        Runtime = new RuntimeOptions { Directory = Folder };
        Time = time ?? new ManualTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        IOptions<RuntimeOptions> options = Options.Create(Runtime);
        Database = new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);
        Folders = new ProfileFolders(options, NullLogger<ProfileFolders>.Instance);
        Profiles = new SqliteProfileStore(Database, Folders, Time);
        Jobs = new SqliteEnrollmentJobStore(Database, Time);
        Conversations = new SqliteConversationStore(Database, Time);
        Recovery = new EnrollmentRecovery(Database, Folders, Time, NullLogger<EnrollmentRecovery>.Instance);
    }

    public string Folder { get; }

    public RuntimeOptions Runtime { get; }

    public ManualTimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public ProfileFolders Folders { get; }

    public SqliteProfileStore Profiles { get; }

    public SqliteEnrollmentJobStore Jobs { get; }

    public SqliteConversationStore Conversations { get; }

    public EnrollmentRecovery Recovery { get; }

    public void Dispose()
    {
        Database.Dispose();
        _owned?.Dispose();
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
