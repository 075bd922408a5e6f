using PixelHolo.Core.Paths;

namespace PixelHolo.Web.Hosting;

/// <summary>Creates the runtime folders (hosting's job: Core only names them).</summary>
public static class RuntimeFolders
{
    /// <summary>Creates the folders that must exist before anything is written.</summary>
    public static void EnsureCreated(RuntimeOptions runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Directory.CreateDirectory(runtime.Root);
        Directory.CreateDirectory(runtime.ProfilesPath);
        Directory.CreateDirectory(runtime.StagingPath);
        Directory.CreateDirectory(runtime.ModelsPath);
        Directory.CreateDirectory(runtime.LogsPath);
    }
}
