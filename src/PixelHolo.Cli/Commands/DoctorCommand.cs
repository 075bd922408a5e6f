using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Conversation.Llm;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Processes;
using PixelHolo.Speech.SpeechToText;
using PixelHolo.Speech.TextToSpeech;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Cli.Commands;

/// <summary><c>pixelholo doctor</c>: checks tools, models, the language model server, camera and serial port, and says how to fix what is missing.</summary>
internal static class DoctorCommand
{
    private sealed record Check(string Name, bool Ok, bool Essential, string Detail);

    public static Command Create()
    {
        var command = new Command("doctor", "Check ffmpeg, speech tools, models, Ollama, camera and serial port; print what is missing and how to fix it.");
        command.SetAction((_, ct) => CliHost.RunAsync(RunAsync, ct));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using IHost host = CliHost.Build();
        IServiceProvider services = host.Services;
        // The executables actually configured (Ffmpeg:FfmpegPath, Tts:Executable, …), not the default names.
        var tools = services.GetRequiredService<ToolRunner>();
        FfmpegOptions ffmpeg = services.GetRequiredService<IOptions<FfmpegOptions>>().Value;
        TtsOptions tts = services.GetRequiredService<IOptions<TtsOptions>>().Value;
        SpeechToTextOptions stt = services.GetRequiredService<IOptions<SpeechToTextOptions>>().Value;
        var checks = new List<Check>
        {
            await ToolAsync(tools, new ToolCommand("ffmpeg", ffmpeg.FfmpegPath, ["-version"]) { Fix = "apt-get install ffmpeg, or set Ffmpeg:FfmpegPath" },
                essential: true, cancellationToken),
            await ToolAsync(tools, new ToolCommand("ffprobe", ffmpeg.FfprobePath, ["-version"]) { Fix = "apt-get install ffmpeg, or set Ffmpeg:FfprobePath" },
                essential: true, cancellationToken),
            await ToolAsync(tools, new ToolCommand("espeak-ng", tts.Executable, ["--version"]) { Fix = "apt-get install espeak-ng, or set Tts:Executable" },
                essential: true, cancellationToken),
            await ToolAsync(tools, new ToolCommand("pocketsphinx", stt.Executable, []) { Fix = "apt-get install pocketsphinx pocketsphinx-en-us, or set SpeechToText:Executable" },
                essential: false, cancellationToken),
        };

        var runtime = services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        checks.Add(RuntimeWritable(runtime));

        var store = services.GetRequiredService<ModelStore>();
        foreach (ModelDescriptor model in store.Catalog.Models)
        {
            ModelStatus status = await store.GetStatusAsync(model, cancellationToken);
            bool ok = status.State == ModelState.Verified;
            checks.Add(new Check($"model {model.Id}", ok, model.Kind == ModelKind.Packaged,
                ok ? $"{status.Path} (sha256 verified)" : status.State == ModelState.Missing
                    ? $"missing — run `pixelholo models pull {model.Id}`"
                    : $"sha256 mismatch — delete {status.Path} and run `pixelholo models pull {model.Id}`"));
        }
        checks.Add(new Check("onnx runtime", true, false, $"models run on {services.GetRequiredService<IOnnxSessionFactory>().ExecutionProvider}"));

        LanguageModelStatus llm = await services.GetRequiredService<ILanguageModelReadiness>().GetStatusAsync(cancellationToken);
        checks.Add(new Check($"llm ({llm.Provider})", llm.Ready, false, $"{llm.Model}: {llm.Detail}"));

        string[] cameras = Directory.Exists("/dev") ? Directory.GetFiles("/dev", "video*") : [];
        checks.Add(new Check("camera", cameras.Length > 0, false, cameras.Length > 0
            ? string.Join(", ", cameras)
            : "no /dev/video* device — plug in a USB camera for face tracking (the rest of PixelHolo runs without it)"));
        string[] serial = Directory.Exists("/dev") ? [.. Directory.GetFiles("/dev", "ttyUSB*"), .. Directory.GetFiles("/dev", "ttyACM*")] : [];
        checks.Add(new Check("serial port", serial.Length > 0, false, serial.Length > 0
            ? string.Join(", ", serial) + " (your user needs the dialout group; remove brltty if it grabs the adapter)"
            : "no /dev/ttyUSB* or /dev/ttyACM* — connect the mount's USB-serial adapter for face tracking"));

        foreach (Check check in checks)
        {
            string mark = check.Ok ? "ok     " : check.Essential ? "MISSING" : "absent ";
            Console.WriteLine($"{mark}  {check.Name,-24} {check.Detail}");
        }
        int missing = checks.Count(c => !c.Ok && c.Essential);
        Console.WriteLine(missing == 0 ? "Everything PixelHolo needs is here." : $"{missing} essential item(s) missing: run ./pixelholo once (it installs them) or follow the hints above.");
        return missing == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Check RuntimeWritable(RuntimeOptions runtime)
    {
        try
        {
            RuntimeFolders.EnsureCreated(runtime);
            string probe = Path.Combine(runtime.Root, $".doctor-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return new Check("runtime folder", true, true, runtime.Root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Check("runtime folder", false, true, $"{runtime.Root} is not writable ({ex.Message}) — set PIXELHOLO_RUNTIME_DIR to a folder you own");
        }
    }

    /// <summary>Runs the tool once (with a 10 s limit). Started is what counts: a tool that prints its usage and exits non-zero is there.</summary>
    private static async Task<Check> ToolAsync(ToolRunner tools, ToolCommand command, bool essential, CancellationToken cancellationToken)
    {
        string output;
        try
        {
            ToolResult result = await tools.RunAsync(command with { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken);
            output = result.StandardOutputText + result.StandardErrorTail;
        }
        catch (MediaToolException ex) when (ex.Failure == ToolFailure.NotFound)
        {
            return new Check(command.Tool, false, essential, $"'{command.Executable}' not found — {command.Fix}");
        }
        catch (MediaToolException ex) when (ex.Failure == ToolFailure.Exited)
        {
            output = ex.StandardErrorTail;
        }
        catch (MediaToolException ex)
        {
            return new Check(command.Tool, false, essential, $"'{command.Executable}' started but failed: {ex.Message}");
        }
        string firstLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? command.Executable;
        if (firstLine.Length == 0) { firstLine = command.Executable; }
        return new Check(command.Tool, true, essential, firstLine.Length > 70 ? firstLine[..70] : firstLine);
    }
}
