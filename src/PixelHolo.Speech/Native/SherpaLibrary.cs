using System.Reflection;
using System.Runtime.InteropServices;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;

namespace PixelHolo.Speech.Native;

/// <summary>Finds and loads sherpa-onnx's C API library (npm <c>sherpa-onnx-linux-x64@1.13.8</c>, installed by
/// <c>pixelholo models pull sherpa-onnx</c>). It brings its own ONNX Runtime (<c>libonnxruntime.so</c>, 1.28.2, found
/// through its RPATH=$ORIGIN) beside Microsoft.ML.OnnxRuntime's <c>libonnxruntime.so.1</c>: different sonames, so both
/// load into one process (tested in SherpaLibraryTests).</summary>
internal sealed class SherpaLibrary
{
    public const string Version = "1.13.8";
    public const string ModelId = "sherpa-onnx";
    public const string DefaultFolder = "sherpa-onnx-" + Version;
    public const string FileName = "libsherpa-onnx-c-api.so";
    public const string Setting = "Sherpa:LibraryDirectory";
    public const string PullCommand = "pixelholo models pull sherpa-onnx";

    // A native library is loaded once per process and the import resolver can be set once per assembly, so the loaded
    // handle is process-wide state by nature; it is written once, under the lock.
    private static readonly Lock Gate = new();
    private static string? s_loadedPath;
    private static nint s_handle;

    public SherpaLibrary(IOptions<SherpaOptions> options, IOptions<RuntimeOptions> runtime)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runtime);
        Options = options.Value;
        string folder = Options.LibraryDirectory is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(runtime.Value.ModelsPath, DefaultFolder);
        LibraryPath = Path.Combine(folder, FileName);
        NumThreads = Options.NumThreads > 0 ? Options.NumThreads : Math.Clamp(Environment.ProcessorCount, 1, 4);
    }

    public SherpaOptions Options { get; }

    public string LibraryPath { get; }

    public int NumThreads { get; }

    /// <summary>Null when the library file is present; otherwise what is missing and how to get it.</summary>
    public string? UnavailableReason => File.Exists(LibraryPath) && File.Exists(Path.Combine(Path.GetDirectoryName(LibraryPath)!, "libonnxruntime.so"))
        ? null
        : $"The sherpa-onnx runtime is not installed: '{LibraryPath}' (with libonnxruntime.so beside it; setting {Setting}) is missing. " +
          $"Run `{PullCommand}` (./scripts/setup.sh does it too) or set PIXELHOLO_{Setting.Replace(":", "__", StringComparison.Ordinal)}.";

    /// <summary>Loads the library (once per process) or throws a <see cref="ModelLoadException"/> saying how to install it.</summary>
    public void EnsureLoaded()
    {
        if (UnavailableReason is { } reason) { throw new ModelLoadException(LibraryPath, Setting, reason); }
        lock (Gate)
        {
            if (s_loadedPath is not null)
            {
                if (!string.Equals(s_loadedPath, LibraryPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"sherpa-onnx is already loaded from '{s_loadedPath}'; a process can load it once, so '{LibraryPath}' cannot be used too. " +
                        $"Use one {Setting} per process.");
                }
                return;
            }
            try
            {
                s_handle = NativeLibrary.Load(LibraryPath);
            }
            catch (DllNotFoundException ex)
            {
                throw new ModelLoadException(LibraryPath, Setting,
                    $"'{LibraryPath}' exists but could not be loaded ({ex.Message}). It may be damaged or for another platform: delete its folder and run `{PullCommand}`.", ex);
            }
            NativeLibrary.SetDllImportResolver(typeof(SherpaLibrary).Assembly, Resolve);
            s_loadedPath = LibraryPath;
        }
    }

    /// <summary>The library's own version string, e.g. "1.13.8".</summary>
    public string GetVersion()
    {
        EnsureLoaded();
        return Utf8Strings.Read(SherpaNative.SherpaOnnxGetVersionStr());
    }

    /// <summary>The version of the ONNX Runtime that sherpa-onnx carries (not Microsoft.ML.OnnxRuntime's).</summary>
    public string GetOnnxRuntimeVersion()
    {
        EnsureLoaded();
        return Utf8Strings.Read(SherpaNative.SherpaOnnxGetOnnxruntimeVersionStr());
    }

    /// <summary>Throws a <see cref="ModelLoadException"/> naming the first missing file, its setting and the pull command —
    /// before sherpa-onnx sees the config (it may exit the process on a missing file instead of returning null).</summary>
    public static void RequireFiles(string what, string setting, string pullCommand, params ReadOnlySpan<string> paths)
    {
        foreach (string path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ModelLoadException(path, setting,
                    $"Cannot load the {what}: '{path}' (setting {setting}) is missing. Run `{pullCommand}` " +
                    $"or set PIXELHOLO_{setting.Replace(":", "__", StringComparison.Ordinal)} to the folder that holds it.");
            }
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == SherpaNative.Library ? s_handle : nint.Zero;
}
