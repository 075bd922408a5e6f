using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Inference.Models;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;

namespace PixelHolo.Web.Status;

/// <summary>One part of PixelHolo that is off at this start, what it turns off and how to fix it.</summary>
/// <param name="Part">The tool or model (<c>ffmpeg</c>, <c>espeak-ng</c>, <c>model isnet-medium</c>).</param>
/// <param name="Reason">What is off because of it, why, and what to do.</param>
internal sealed record OffPart(string Part, string Reason);

/// <summary>Degraded, not dead (issue 15, item 2): as the server starts, beside it, checks the configured tools (ffmpeg,
/// ffprobe, espeak-ng, pocketsphinx when it is the recogniser) and the packaged models (present, the manifest's size). Each problem is one Warning line — what is off and how to fix it, no
/// stack trace — and an entry of <c>off</c> on <c>GET /api/status</c> and the status page. Nothing is turned off here: each
/// engine fails on its own with the same fix; this says so at start instead of at the first visitor.</summary>
internal sealed partial class StartupCheck(
    IServiceProvider services, ModelStore models, IOptions<FfmpegOptions> ffmpeg, IOptions<TtsOptions> tts, IOptions<SpeechToTextOptions> stt,
    ILogger<StartupCheck> logger) : BackgroundService
{
    private IReadOnlyList<OffPart> _off = [];

    /// <summary>What is off (empty until the check has run, and when everything is there).</summary>
    public IReadOnlyList<OffPart> Off => Volatile.Read(ref _off);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host goes on starting; the check runs beside it
        var off = new List<OffPart>();
        FfmpegOptions f = ffmpeg.Value;
        AddMissingTool(off, "ffmpeg", f.FfmpegPath, "Uploads, enrollment and the camera are off", "apt-get install ffmpeg, or set Ffmpeg:FfmpegPath");
        AddMissingTool(off, "ffprobe", f.FfprobePath, "Uploads and enrollment are off", "apt-get install ffmpeg, or set Ffmpeg:FfprobePath");
        AddMissingTool(off, "espeak-ng", tts.Value.Executable,
            "The avatar's offline voice is off (espeak-ng speaks when Pocket TTS or a Chatterbox server does not, and gives the matched voice)",
            "apt-get install espeak-ng, or set Tts:Executable");
        if (services.GetService<ISpeechRecognizerInfo>()?.Engine == "pocketsphinx")
        {
            AddMissingTool(off, "pocketsphinx", stt.Value.Executable, "The microphone is off (pocketsphinx is the speech recogniser in use)",
                "apt-get install pocketsphinx pocketsphinx-en-us, set SpeechToText:Executable, or run `pixelholo models pull stt` for a neural recogniser");
        }
        foreach (ModelDescriptor model in models.Catalog.Models.Where(m => m.Kind == ModelKind.Packaged))
        {
            if (Problem(model) is not { } problem) { continue; }
            off.Add(new OffPart($"model {model.Id}",
                $"{model.Use} is off: '{model.File}' {problem}. Run `pixelholo models pull {model.Id}` (it replaces the file; `pixelholo doctor` checks every sha256)."));
        }
        foreach (OffPart part in off) { LogOff(logger, part.Part, part.Reason); }
        Volatile.Write(ref _off, off);
        LogChecked(logger, off.Count);
    }

    /// <summary>Missing, or not the size the manifest gives (a truncated download, a file that is not the model). Sizes only:
    /// hashing every model at every start costs seconds on a small box; `pixelholo doctor` and `models verify` hash.</summary>
    private string? Problem(ModelDescriptor model)
    {
        string path = Path.Combine(models.Directory, model.File);
        if (model.IsBundle)
        {
            if (!Directory.Exists(path)) { return "is missing"; }
            ModelFileEntry? wrong = model.Files!.FirstOrDefault(f => !File.Exists(Path.Combine(path, f.Path))
                || (f.SizeBytes is { } size && LengthOf(Path.Combine(path, f.Path)) != size));
            return wrong is null ? null : $"is incomplete ('{wrong.Path}' is missing or not its size)";
        }
        if (!File.Exists(path)) { return "is missing"; }
        long actual = LengthOf(path);
        return model.SizeBytes > 0 && actual != model.SizeBytes ? $"is damaged ({actual} bytes, not the manifest's {model.SizeBytes})" : null;
    }

    /// <summary>The size of the file itself, through symbolic links (a models folder of links to a shared copy).</summary>
    private static long LengthOf(string path)
    {
        var info = new FileInfo(path);
        return (info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo : null)?.Length ?? info.Length;
    }

    private static void AddMissingTool(List<OffPart> off, string tool, string executable, string what, string fix)
    {
        if (FindExecutable(executable) is null) { off.Add(new OffPart(tool, $"{what}: '{executable}' not found. {fix}.")); }
    }

    /// <summary>The program's path: <paramref name="executable"/> itself when it names a path, else the first match on PATH.</summary>
    internal static string? FindExecutable(string executable)
    {
        if (string.IsNullOrWhiteSpace(executable)) { return null; }
        if (executable.Contains('/', StringComparison.Ordinal)) { return File.Exists(executable) ? executable : null; }
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, executable)).FirstOrDefault(File.Exists);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Part} is off: {Reason}")]
    private static partial void LogOff(ILogger logger, string part, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up check done: {Count} part(s) off")]
    private static partial void LogChecked(ILogger logger, int count);
}
