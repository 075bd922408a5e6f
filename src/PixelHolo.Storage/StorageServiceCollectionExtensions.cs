using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Conversations;
using PixelHolo.Storage.Enrollment;
using PixelHolo.Storage.Folders;
using PixelHolo.Storage.Profiles;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds the SQLite stores (profiles, enrollment jobs, conversations), the profile folders and start-up
    /// recovery (<see cref="IEnrollmentRecovery"/>). The database is <see cref="RuntimeOptions.DatabasePath"/>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<ProfileFolders>();
        services.TryAddSingleton<IProfileFolders>(sp => sp.GetRequiredService<ProfileFolders>());
        services.TryAddSingleton<IProfileStore, SqliteProfileStore>();
        services.TryAddSingleton<IEnrollmentJobStore, SqliteEnrollmentJobStore>();
        services.TryAddSingleton<IConversationStore, SqliteConversationStore>();
        services.TryAddSingleton<IEnrollmentRecovery, EnrollmentRecovery>();
        return services;
    }
}
