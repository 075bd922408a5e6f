using System.Globalization;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Processes;

namespace PixelHolo.Media.Composition;

/// <summary>Writes a streaming renderer's answer as an MP4 (<c>pixelholo render</c>): the audio file is decoded to 16 kHz
/// chunks that drive the renderer, the frames (store JPEGs or rendered ones) are piped to ffmpeg as MJPEG and muxed with the
/// original audio (H.264 + AAC). Written to a temporary file beside the output and moved into place.</summary>
public sealed class AnswerClipWriter
{
    private readonly FfmpegRunner _ffmpeg;
    private readonly IStreamingAvatarRenderer _lipsync;
    private readonly IStreamingAvatarRenderer _loop;

    internal AnswerClipWriter(FfmpegRunner ffmpeg, LipSync.LipSyncRenderer lipsync, StreamingLoopRenderer loop)
    {
        _ffmpeg = ffmpeg;
        _lipsync = lipsync;
        _loop = loop;
    }

    /// <summary>The renderer for a mode: "lipsync" (loop when the profile has no lip-sync model, with the reason) or "loop".</summary>
    public (IStreamingAvatarRenderer Renderer, string? Warning) Choose(AvatarProfile profile, string mode)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (mode != "lipsync") { return (_loop, null); }
        return LipSync.LipSyncModel.ExistsIn(profile.Folder)
            ? (_lipsync, null)
            : (_loop, $"Profile '{profile.Name}' has no lip-sync model (lipsync/ in {profile.Folder}); rendering in loop mode. Enroll the clip again to learn one.");
    }

    /// <summary>Renders <paramref name="audioPath"/> spoken by <paramref name="profile"/> into <paramref name="outputPath"/>;
    /// returns the frame count.</summary>
    public async Task<int> WriteAsync(IStreamingAvatarRenderer renderer, AvatarProfile profile, string audioPath, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(profile);
        float[] audio = await PcmDecoder.DecodeMono16kAsync(_ffmpeg, audioPath, null, null, cancellationToken);
        await using IAvatarRenderSession session = await renderer.OpenAsync(profile, cancellationToken);
        var store = FrameStore.Open(profile.Folder, profile.Name);
        string temp = $"{outputPath}.{Guid.NewGuid():N}.tmp.mp4";
        string rate = session.FramesPerSecond.ToString("0.###", CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "image2pipe", "-framerate", rate, "-c:v", "mjpeg", "-i", "pipe:0", "-i", audioPath,
            "-map", "0:v:0", "-map", "1:a:0", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuv420p",
            .. H264Encoding.BlackSafe(), "-c:a", "aac", "-b:a", "128k", "-shortest", temp,
        ];
        int frames = 0;
        try
        {
            await using RunningTool process = _ffmpeg.StartFfmpeg(arguments, ToolPipes.Input);
            await foreach (AvatarFrame frame in session.RenderAsync(Chunks(audio), cancellationToken))
            {
                byte[] jpeg = frame.Jpeg is { } rendered ? rendered.ToArray() : await store.ReadJpegAsync(frame.SourceFrame!.Value, cancellationToken);
                await process.WriteAsync(jpeg, cancellationToken);
                frames++;
            }
            await process.CompleteInputAsync(cancellationToken);
            await process.WaitForSuccessAsync(cancellationToken);
        }
        catch
        {
            if (File.Exists(temp)) { File.Delete(temp); }
            throw;
        }
        File.Move(temp, outputPath, overwrite: true);
        return frames;
    }

    private static async IAsyncEnumerable<AudioChunk> Chunks(float[] audio)
    {
        const int size = 8000; // 0.5 s, about what a TTS sentence delivers at a time
        for (int offset = 0; offset < audio.Length; offset += size)
        {
            await Task.CompletedTask;
            yield return new AudioChunk(audio.AsMemory(offset, Math.Min(size, audio.Length - offset)), 16_000, 1, TimeSpan.FromSeconds(offset / 16_000.0));
        }
    }
}
