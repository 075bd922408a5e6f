namespace PixelHolo.Core.Storage;

/// <summary>Profile folders under runtime/profiles: built in a staging folder and moved into place only when complete.</summary>
public interface IProfileFolders
{
    /// <summary>Final folder of a profile (it may not exist yet).</summary>
    string PathOf(string profileId);

    /// <summary>Creates an empty staging folder for a profile, on the same file system as the final one.</summary>
    string CreateStaging(string profileId);

    /// <summary>Moves a finished staging folder into place (atomic rename); returns the final path.</summary>
    string Commit(string stagingFolder, string profileId);

    /// <summary>Puts a finished staging folder in place of a profile's existing folder (a re-enrollment): the old folder is
    /// renamed aside, the new one renamed in (the old one is put back if that fails), then the old one is deleted.</summary>
    string Replace(string stagingFolder, string profileId);

    /// <summary>Deletes a staging folder (failed or cancelled job). Never throws for a missing folder.</summary>
    void Discard(string stagingFolder);

    /// <summary>Deletes every staging folder left by a killed process; returns how many were removed.</summary>
    int DiscardAllStaging();
}
