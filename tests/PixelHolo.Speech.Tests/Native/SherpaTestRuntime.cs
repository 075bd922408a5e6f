using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Speech.Native;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.Native;

/// <summary>The packaged sherpa-onnx runtime (installed by ./scripts/setup.sh) and the downloaded models, when present.</summary>
internal static class SherpaTestRuntime
{
    public static SherpaLibrary Library(Action<SherpaOptions>? configure = null)
    {
        var options = new SherpaOptions();
        configure?.Invoke(options);
        var library = new SherpaLibrary(Options.Create(options), Options.Create(new RuntimeOptions { ModelsDirectory = RepoPaths.ModelsDirectory }));
        if (configure is null && library.UnavailableReason is { } reason)
        {
            throw new FileNotFoundException($"{reason} Tests use the packaged runtime: run ./scripts/setup.sh (or ./pixelholo models pull --packaged) once.");
        }
        return library;
    }

    public static string ModelFolder(string name) => Path.Combine(RepoPaths.ModelsDirectory, name);
}

/// <summary>A fact that runs only when a downloaded model folder is complete; the skip reason says how to get it.</summary>
public sealed class RequiresModelFactAttribute : FactAttribute
{
    public RequiresModelFactAttribute(string folder, params string[] files)
    {
        string path = SherpaTestRuntime.ModelFolder(folder);
        if (files.Any(f => !File.Exists(Path.Combine(path, f))))
        {
            Skip = $"Needs the downloaded model folder {path} (not in any registry this CI reaches). Get it with `pixelholo models pull` " +
                "(stt, tts or turn) on a machine with internet access, or copy the folder there, then run the tests again.";
        }
    }
}
