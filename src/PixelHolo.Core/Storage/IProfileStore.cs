using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Storage;

/// <summary>Profiles (avatars) in the database. A profile's folder is written elsewhere and only recorded here when complete.</summary>
public interface IProfileStore
{
    /// <summary>Adds a profile in state <see cref="ProfileStatus.Enrolling"/> with a new id.</summary>
    Task<AvatarProfile> CreateAsync(string name, string personality, CancellationToken cancellationToken = default);

    Task<AvatarProfile?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>All profiles, newest first.</summary>
    Task<IReadOnlyList<AvatarProfile>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the display name (already validated). Returns false when no such profile.</summary>
    Task<bool> RenameAsync(string id, string name, CancellationToken cancellationToken = default);

    Task MarkReadyAsync(string id, string folder, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes the row, its jobs, conversations and turns, and the profile folder. Returns false when no such profile.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
