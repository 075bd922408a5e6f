using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Storage;
using PixelHolo.Storage.Sqlite;

namespace PixelHolo.Storage.Folders;

/// <summary>Profile folders: built under runtime/staging and moved to runtime/profiles/&lt;id&gt; in one rename,
/// so a reader sees no folder or a complete one. Staging and final folders share the runtime root, hence one file system.</summary>
internal sealed partial class ProfileFolders(IOptions<RuntimeOptions> runtime, ILogger<ProfileFolders> logger) : IProfileFolders
{
    private readonly RuntimeOptions _runtime = runtime.Value;

    public string PathOf(string profileId)
    {
        ThrowIfInvalidId(profileId);
        return Path.Combine(_runtime.ProfilesPath, profileId);
    }

    public string CreateStaging(string profileId)
    {
        ThrowIfInvalidId(profileId);
        string staging = Path.Combine(_runtime.StagingPath, $"{profileId}.{ShortId.New()}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    public string Commit(string stagingFolder, string profileId)
    {
        string source = RequireUnderStaging(stagingFolder);
        string final = PathOf(profileId);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Cannot commit profile {profileId}: its staging folder {source} does not exist (was it discarded?).");
        }
        if (Directory.Exists(final))
        {
            throw new IOException($"Cannot commit profile {profileId}: {final} already exists. Delete the profile first or enroll under a new id.");
        }
        Directory.CreateDirectory(_runtime.ProfilesPath);
        Directory.Move(source, final); // one rename(2): the profile appears complete or not at all
        LogCommitted(logger, profileId, final);
        return final;
    }

    public string Replace(string stagingFolder, string profileId)
    {
        string source = RequireUnderStaging(stagingFolder);
        string final = PathOf(profileId);
        if (!Directory.Exists(final)) { return Commit(stagingFolder, profileId); }
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Cannot replace profile {profileId}: its staging folder {source} does not exist (was it discarded?).");
        }
        // Linux cannot swap two directories in one rename, so: old aside, new in (old back on failure), old deleted.
        string old = Path.Combine(_runtime.StagingPath, $"{profileId}.replaced.{ShortId.New()}");
        Directory.Move(final, old);
        try { Directory.Move(source, final); }
        catch
        {
            Directory.Move(old, final);
            throw;
        }
        DeleteQuietly(old);
        LogCommitted(logger, profileId, final);
        return final;
    }

    public void Discard(string stagingFolder)
    {
        string folder = RequireUnderStaging(stagingFolder);
        DeleteQuietly(folder);
    }

    public int DiscardAllStaging()
    {
        if (!Directory.Exists(_runtime.StagingPath)) { return 0; }
        int removed = 0;
        foreach (string entry in Directory.EnumerateFileSystemEntries(_runtime.StagingPath))
        {
            if (Directory.Exists(entry)) { DeleteQuietly(entry); }
            else { File.Delete(entry); }
            removed++;
        }
        if (removed > 0) { LogDiscarded(logger, removed, _runtime.StagingPath); }
        return removed;
    }

    /// <summary>Removes a finished profile folder: first renamed into staging (so no half-deleted folder is ever at the
    /// final path, and a crash mid-delete is cleaned by <see cref="DiscardAllStaging"/>), then deleted.</summary>
    public void DeleteFinal(string profileId)
    {
        string final = PathOf(profileId);
        if (!Directory.Exists(final)) { return; }
        Directory.CreateDirectory(_runtime.StagingPath);
        string trash = Path.Combine(_runtime.StagingPath, $"{profileId}.deleted.{ShortId.New()}");
        Directory.Move(final, trash);
        DeleteQuietly(trash);
    }

    private static void ThrowIfInvalidId(string profileId)
    {
        if (!ShortId.IsValid(profileId))
        {
            throw new ArgumentException(
                $"'{profileId}' is not a profile id: ids are 1 to 64 characters of a-z, 0-9, '-' and '_'.", nameof(profileId));
        }
    }

    private string RequireUnderStaging(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string full = Path.GetFullPath(folder);
        string root = Path.GetFullPath(_runtime.StagingPath) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{full} is not a staging folder (those live under {root}); refusing to move or delete it.", nameof(folder));
        }
        return full;
    }

    private static void DeleteQuietly(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { /* already gone: that is the goal */ }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} committed to {Folder}")]
    private static partial void LogCommitted(ILogger logger, string profileId, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} leftover staging folder(s) from {Folder}")]
    private static partial void LogDiscarded(ILogger logger, int count, string folder);
}
