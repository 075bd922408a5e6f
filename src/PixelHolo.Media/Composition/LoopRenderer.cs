using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Speech;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Processes;

namespace PixelHolo.Media.Composition;

/// <summary>The voice-cloning-only version: the person's footage plays exactly as long as the speech, continuing where the last
/// answer stopped and looping at the end (the original replayed the whole clip from frame 0 and cut long answers off).</summary>
internal sealed class LoopRenderer(FfmpegRunner ffmpeg, MediaProbe probe, IOptions<LoopRendererOptions> options, IOptions<RuntimeOptions> runtime) : IAvatarRenderer
{
    /// <summary>Footage files in order of preference: the matte (person on black), else the normalised source.
    /// (idle.mp4 is the listening loop the stage plays between answers, not answer footage.)</summary>
    public static readonly IReadOnlyList<string> FootageFiles = ["matte.mp4", "footage.mp4"];

    private readonly ConcurrentDictionary<string, TimeSpan> _cursors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _footageLengths = new(StringComparer.Ordinal);

    public string Name => "loop";

    public async Task<RenderedClip> RenderAsync(AvatarProfile profile, SynthesizedSpeech speech, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(speech);
        string footage = FindFootage(profile);
        TimeSpan length = await FootageLengthAsync(footage, cancellationToken);
        TimeSpan duration = speech.Audio.Duration;
        TimeSpan start = _cursors.GetValueOrDefault(profile.Id);
        if (start >= length) { start = TimeSpan.Zero; }

        string folder = Path.Combine(runtime.Value.Root, "stage", profile.Id);
        Directory.CreateDirectory(folder);
        string output = Path.Combine(folder, $"{Environment.TickCount64:D12}-{Guid.NewGuid():N}.mp4");
        string temp = output + ".tmp.mp4";
        List<string> arguments = BuildArguments(footage, start, speech, duration, options.Value.Preset, temp);
        try
        {
            await using RunningTool process = ffmpeg.StartFfmpeg(arguments, ToolPipes.Input);
            // Speech goes in as raw float PCM on stdin: no temporary WAV, no second format to keep in sync.
            await process.WriteAsync(MemoryMarshal.AsBytes(speech.Audio.Samples.Span).ToArray(), cancellationToken);
            await process.CompleteInputAsync(cancellationToken);
            await process.WaitForSuccessAsync(cancellationToken);
        }
        catch
        {
            if (File.Exists(temp)) { File.Delete(temp); }
            throw;
        }
        File.Move(temp, output, overwrite: true);
        TimeSpan end = TimeSpan.FromTicks((start + duration).Ticks % Math.Max(1, length.Ticks));
        _cursors[profile.Id] = end;
        PruneOldClips(folder);
        return new RenderedClip(output, duration, start, end);
    }

    internal static List<string> BuildArguments(string footage, TimeSpan start, SynthesizedSpeech speech, TimeSpan duration, string preset, string output) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-stream_loop", "-1", "-ss", start.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", footage,
        "-f", "f32le", "-ar", speech.Audio.SampleRateHz.ToString(CultureInfo.InvariantCulture),
        "-ac", speech.Audio.Channels.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
        "-map", "0:v:0", "-map", "1:a:0", "-t", duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        .. H264Encoding.BlackSafe(preset),
        "-c:a", "aac", "-b:a", "128k", output,
    ];

    internal static string FindFootage(AvatarProfile profile)
    {
        foreach (string name in FootageFiles)
        {
            string path = Path.Combine(profile.Folder, name);
            if (File.Exists(path)) { return path; }
        }
        throw new FileNotFoundException(
            $"Profile '{profile.Name}' ({profile.Id}) has no footage ({string.Join(", ", FootageFiles)}) in {profile.Folder}. Delete the profile and upload the clip again.");
    }

    private async Task<TimeSpan> FootageLengthAsync(string footage, CancellationToken cancellationToken)
    {
        if (_footageLengths.TryGetValue(footage, out TimeSpan known)) { return known; }
        TimeSpan length = (await probe.ProbeAsync(footage, cancellationToken)).Duration;
        _footageLengths[footage] = length;
        return length;
    }

    private void PruneOldClips(string folder)
    {
        foreach (FileInfo old in new DirectoryInfo(folder).GetFiles("*.mp4").OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(options.Value.KeepClips))
        {
            try { old.Delete(); }
            catch (IOException) { /* still being played or copied; the next prune takes it */ }
        }
    }
}
