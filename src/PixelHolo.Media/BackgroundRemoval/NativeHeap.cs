using System.Runtime.InteropServices;

namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Hands memory that native code has freed back to the system. glibc keeps freed blocks in its heap arenas, so after
/// ONNX Runtime frees a 2 GB session the process would still show it resident; <c>malloc_trim(0)</c> returns it.</summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) { return; }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries without malloc_trim: nothing to trim, the memory stays with the process.
        }
    }

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in the project for one int call.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
