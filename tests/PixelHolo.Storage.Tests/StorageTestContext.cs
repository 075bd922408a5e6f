using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Storage.Conversations;
using PixelHolo.Storage.Enrollment;
using PixelHolo.Storage.Folders;
using PixelHolo.Storage.Profiles;
using PixelHolo.Storage.Sqlite;
using PixelHolo.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace PixelHolo.Storage.Tests;

/// <summary>The real stores on a real SQLite file in a fresh temp runtime folder. A second context on the same
/// folder is a restarted process (new database object, new pool entries, same file).</summary>
internal sealed class StorageTestContext : IDisposable
{
    private readonly TempDirectory? _owned;

    public StorageTestContext(TempDirectory? shared = null, FakeTimeProvider? time = null)
    {
        if (shared is null) { _owned = new TempDirectory("pixelholo-storage"); }
        Folder = (shared ?? _owned!).Path;
        Runtime = new RuntimeOptions { Directory = Folder };
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
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

    public FakeTimeProvider Time { get; }

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
