using System.Globalization;
using System.Text.Json;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Media;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Vision;
using PixelHolo.Media.Composition;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Processes;

namespace PixelHolo.Media.LipSync.Evaluation;

/// <summary>What to evaluate: the clip, the held-out fraction at its end, and what drives the engine ("original": the
/// held-out audio itself; "tts": <see cref="Text"/> spoken by espeak-ng).</summary>
public sealed record LipSyncEvaluationRequest(string VideoPath, double Holdout = 0.2, string Drive = "original", string? Text = null);

/// <summary>Figures for one sequence; null where the drive has no ground truth (mouthSsim and lagMs with TTS).</summary>
public sealed record LipSyncFigures(double Sync, double? LagMs, double? MouthSsim, double SilentMotion, double CloseMs, double JumpsPerSecond, double Fps);

/// <summary>The evaluation's result for the engine, loop mode (mean of 10 start offsets) and the real held-out footage.</summary>
/// <summary>Streaming figures: first frame after the first audio chunk, the latest frame against the audio clock, and
/// frames against audio (no drift: the frames cover the audio to within one frame).</summary>
public sealed record LipSyncStreamingFigures(double FirstFrameMs, double ColdFirstFrameMs, double MaxLateMs, int Frames, double ExpectedFrames, double FramesSeconds, double AudioSeconds, double Fps, string Details);

public sealed record LipSyncEvaluation(LipSyncFigures Engine, LipSyncFigures Loop, LipSyncFigures Truth, string Details);

/// <summary>Evaluates lip-sync on a clip (<c>pixelholo lipsync eval</c>).</summary>
public interface ILipSyncEvaluator
{
    Task<LipSyncEvaluation> EvaluateAsync(LipSyncEvaluationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Enrolls the first part of a clip for lip-sync only (frames, faces, audio features: no matting), drives the engine
/// with the held-out part's own audio (or a TTS voice), and measures the engine, loop mode and the real held-out frames the
/// same way: mouth opening (inner-lip contrast at the tracked mouth) against the loudness envelope, mouth SSIM, motion in
/// silences, time to close after speech, jumps between non-consecutive source frames, and rendering speed.</summary>
internal sealed class LipSyncEvaluator(
    FfmpegRunner ffmpeg, MediaProbe probe, FfmpegFrameReader reader, IFaceDetector detector,
    IOptions<LipSyncOptions> options, IOptions<LoopRendererOptions> rendering, TimeProvider time) : ILipSyncEvaluator
{
    private const int LoopStarts = 10;
    private const double ChunkSeconds = 0.5;

    public async Task<LipSyncEvaluation> EvaluateAsync(LipSyncEvaluationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using Learned learned = await LearnAsync(request.VideoPath, request.Holdout, cancellationToken);
        (VideoStreamInfo video, double fps, int total, int split, double splitSeconds, string folder, AvatarProfile profile, LipSyncModel model, double trainSeconds, _, float[] heldAudio) = learned;
        string rate = fps.ToString("0.###", CultureInfo.InvariantCulture);
        var meter = new MouthMeter(model);

        // The real held-out footage.
        var truthImages = new List<RgbImage>();
        await foreach (VideoFrame frame in reader.ReadAsync(new FrameReadRequest(request.VideoPath, FramesPerSecond: fps, Filter: $"fps={rate},trim=start_frame={split},setpts=PTS-STARTPTS"), cancellationToken))
        {
            truthImages.Add(RgbImage.FromRgb24(frame.Rgb24, frame.Width, frame.Height));
        }
        var rawTrack = truthImages.Select(image => MouthTracker.Detect(detector, image)).ToList();
        (float[] tx, float[] ty, _) = MouthTracker.Smooth(rawTrack, rawTrack.Count, "held-out footage");
        Measured truth = new();
        for (int i = 0; i < truthImages.Count; i++) { truth.Add(meter, truthImages[i], tx[i], ty[i], i); }
        truthImages.Clear();

        bool tts = string.Equals(request.Drive, "tts", StringComparison.Ordinal);
        float[] drive = tts ? await SpeakAsync(request.Text ?? TranscriptAfter(request.VideoPath, splitSeconds), cancellationToken) : heldAudio;
        float[] heldLevels = Levels(heldAudio, fps);
        float[] driveLevels = Levels(drive, fps);

        // The engine.
        await using var lipsync = (LipSyncRenderSession)await new LipSyncRenderer(options, rendering).OpenAsync(profile, cancellationToken);
        lipsync.Trace = [];
        lipsync.Cursor.Talking = 0;
        (List<AvatarFrame> engineFrames, double engineFps) = await RenderAsync(lipsync, drive, cancellationToken);
        var store = FrameStore.Open(folder, profile.Name);
        Measured engine = new();
        for (int i = 0; i < engineFrames.Count; i++)
        {
            LipSyncTraceFrame trace = lipsync.Trace[i];
            (float mx, float my) = BasePoint(model, trace.Base);
            engine.Add(meter, await ImageOfAsync(store, engineFrames[i], cancellationToken), mx, my, trace.MouthWeight > 0.5f ? trace.Mouth : trace.Base.Shown);
        }

        // Loop mode from 10 start offsets.
        var loops = new List<LipSyncFigures>();
        var loopRenderer = new StreamingLoopRenderer(rendering);
        for (int s = 0; s < LoopStarts; s++)
        {
            await using var loop = (LoopRenderSession)await loopRenderer.OpenAsync(profile, cancellationToken);
            loop.Cursor.Talking = StartOf(loop.Plan, s);
            (List<AvatarFrame> frames, double loopFps) = await RenderAsync(loop, drive, cancellationToken);
            Measured measured = new();
            int lastShown = loop.Cursor.Talking;
            foreach (AvatarFrame frame in frames)
            {
                // A blended frame belongs to no single source frame; it is measured at the point of the frame before it.
                int shown = frame.SourceFrame ?? -1;
                int at = shown >= 0 ? shown : lastShown;
                measured.Add(meter, await ImageOfAsync(store, frame, cancellationToken), model.MouthX[at], model.MouthY[at], shown);
                if (shown >= 0) { lastShown = shown; }
            }
            loops.Add(measured.Figures(truth, driveLevels, model.ClosedOpening, fps, loopFps, tts));
        }

        LipSyncFigures truthFigures = truth.Figures(truth, heldLevels, model.ClosedOpening, fps, fps, groundTruth: false) with { MouthSsim = 1, JumpsPerSecond = 0 };
        LipSyncFigures engineFigures = engine.Figures(truth, driveLevels, model.ClosedOpening, fps, engineFps, tts);
        var loopFigures = new LipSyncFigures(
            Math.Round(loops.Average(l => l.Sync), 4), tts ? null : Math.Round(loops.Average(l => l.LagMs ?? 0), 1), tts ? null : Math.Round(loops.Average(l => l.MouthSsim ?? 0), 4),
            Math.Round(loops.Average(l => l.SilentMotion), 3), Math.Round(loops.Average(l => l.CloseMs), 1), Math.Round(loops.Average(l => l.JumpsPerSecond), 3), Math.Round(loops.Average(l => l.Fps), 1));
        string details = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(request.VideoPath)}: {video.DisplayWidth}x{video.DisplayHeight} @ {fps:0.##} fps; learned from frames 0–{split - 1} ({splitSeconds:F1} s) in {trainSeconds:F1} s, " +
            $"held out {total - split} frames; drive {(tts ? $"tts ({drive.Length / 16000.0:F1} s)" : "original audio")}; face width {model.Geometry.FaceWidth:F0} px, " +
            $"mouth box {model.Geometry.CompositeWidth}x{model.Geometry.CompositeHeight}");
        return new LipSyncEvaluation(engineFigures, loopFigures, truthFigures, details);
    }

    /// <summary>Streaming figures of the engine on a long answer: the clip's first part is learned as in the evaluation, then
    /// an answer of <paramref name="answerSeconds"/> (the clip's own audio, repeated) is fed as a TTS engine would: a first
    /// chunk of <paramref name="firstChunkSeconds"/>, nothing more until the first frame is out, then the rest in 0.5 s chunks
    /// released at real-time pace. Reports the first frame's latency after the first chunk (warm, and cold for the process's
    /// first answer), how late any frame came against the audio clock (0: none), and whether the frames cover exactly the audio (no drift).</summary>
    internal async Task<LipSyncStreamingFigures> MeasureStreamingAsync(string videoPath, double answerSeconds, double firstChunkSeconds, CancellationToken cancellationToken = default)
    {
        await using Learned learned = await LearnAsync(videoPath, 0.2, cancellationToken);
        float[] clip = [.. learned.TrainAudio, .. learned.HeldAudio];
        int samples = (int)(answerSeconds * Mfcc.SampleRateHz);
        float[] answer = new float[samples];
        for (int i = 0; i < samples; i++) { answer[i] = clip[i % clip.Length]; }

        // A first answer of a few seconds warms the code paths as the previous turn would on a running server; its first
        // frame is the cold figure.
        (double coldFirstMs, _, _, _) = await PacedAsync(learned, answer.AsMemory(0, Math.Min(samples, 3 * Mfcc.SampleRateHz)), firstChunkSeconds, cancellationToken);
        long started = time.GetTimestamp();
        (double firstMs, double maxLateMs, int frames, TimeSpan last) = await PacedAsync(learned, answer, firstChunkSeconds, cancellationToken);
        double seconds = time.GetElapsedTime(started).TotalSeconds;
        return new LipSyncStreamingFigures(firstMs, coldFirstMs, maxLateMs, frames, answerSeconds * learned.Fps, last.TotalSeconds + (1 / learned.Fps), answerSeconds, frames / seconds,
            $"{Path.GetFileName(videoPath)}: {learned.Video.DisplayWidth}x{learned.Video.DisplayHeight} @ {learned.Fps:0.##} fps, learned {learned.SplitSeconds:F1} s in {learned.TrainSeconds:F1} s");
    }

    /// <summary>One answer through a new render session, fed as <see cref="MeasureStreamingAsync"/> describes.</summary>
    private async Task<(double FirstMs, double MaxLateMs, int Frames, TimeSpan Last)> PacedAsync(Learned learned, ReadOnlyMemory<float> answer, double firstChunkSeconds, CancellationToken cancellationToken)
    {
        await using IAvatarRenderSession session = await new LipSyncRenderer(options, rendering).OpenAsync(learned.Profile, cancellationToken);
        var firstFrame = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long started = 0;
        int samples = answer.Length;
        async IAsyncEnumerable<AudioChunk> Paced()
        {
            int first = Math.Min(samples, (int)(firstChunkSeconds * Mfcc.SampleRateHz));
            started = time.GetTimestamp();
            yield return new AudioChunk(answer[..first], Mfcc.SampleRateHz, 1, TimeSpan.Zero);
            await firstFrame.Task.WaitAsync(TimeSpan.FromSeconds(30), time, cancellationToken);
            int size = (int)(Mfcc.SampleRateHz * ChunkSeconds);
            for (int offset = first; offset < samples; offset += size)
            {
                // Released when the audio clock (started at the first frame) reaches the chunk, less one chunk of lead.
                TimeSpan due = TimeSpan.FromSeconds((offset - first) / (double)Mfcc.SampleRateHz) - TimeSpan.FromSeconds(ChunkSeconds);
                TimeSpan wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero) { await Task.Delay(wait, time, cancellationToken); }
                yield return new AudioChunk(answer.Slice(offset, Math.Min(size, samples - offset)), Mfcc.SampleRateHz, 1, TimeSpan.FromSeconds(offset / (double)Mfcc.SampleRateHz));
            }
        }

        double firstMs = 0;
        double maxLateMs = 0;
        int frames = 0;
        TimeSpan last = TimeSpan.Zero;
        TimeSpan clockStart = TimeSpan.Zero;
        await foreach (AvatarFrame frame in session.RenderAsync(Paced(), cancellationToken))
        {
            TimeSpan now = time.GetElapsedTime(started);
            if (frames == 0)
            {
                firstMs = now.TotalMilliseconds;
                clockStart = now;
                firstFrame.TrySetResult();
            }
            // Playback of frame t starts at clockStart + t (the first frame starts the clock): later than that is late.
            maxLateMs = Math.Max(maxLateMs, (now - clockStart - frame.Timestamp).TotalMilliseconds);
            last = frame.Timestamp;
            frames++;
        }
        return (firstMs, maxLateMs, frames, last);
    }

    /// <summary>The lip-sync part of an enrollment of the clip's first part, in a temporary folder deleted on dispose.</summary>
    private async Task<Learned> LearnAsync(string videoPath, double holdout, CancellationToken cancellationToken)
    {
        if (holdout is <= 0.05 or >= 0.6) { throw new ArgumentOutOfRangeException(nameof(holdout), $"--holdout must be between 0.05 and 0.6 (got {holdout})."); }
        MediaInfo info = await probe.ProbeAsync(videoPath, cancellationToken);
        VideoStreamInfo video = info.Video ?? throw new LipSyncInputException($"'{videoPath}' has no video stream ({info.Describe()}); lip-sync is evaluated on a talking-head clip.");
        if (info.Audio is null) { throw new LipSyncInputException($"'{videoPath}' has no audio track ({info.Describe()}); lip-sync is learned from the person's own speech, so pick a clip with sound."); }
        double fps = video.FramesPerSecond > 0 ? video.FramesPerSecond : 25;
        int total = (int)Math.Floor(info.Duration.TotalSeconds * fps);
        int split = (int)Math.Round(total * (1 - holdout));
        if (split < 75 || total - split < 25) { throw new LipSyncInputException($"'{videoPath}' is {info.Duration.TotalSeconds:F1} s long; the evaluation needs at least 3 s to learn from and 1 s held out."); }
        double splitSeconds = split / fps;

        string folder = Path.Combine(Path.GetTempPath(), $"pixelholo-lipsync-eval-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // Enrollment, lip-sync part only: the frame store and audio of the first part.
            string rate = fps.ToString("0.###", CultureInfo.InvariantCulture);
            Directory.CreateDirectory(Path.Combine(folder, FrameStore.FolderName));
            await ffmpeg.RunFfmpegAsync(["-i", videoPath, "-an", "-vf", $"fps={rate}", "-frames:v", split.ToString(CultureInfo.InvariantCulture), "-q:v", "3", "-start_number", "1",
                Path.Combine(folder, FrameStore.FolderName, "%06d.jpg")], cancellationToken);
            float[] trainAudio = await PcmDecoder.DecodeMono16kAsync(ffmpeg, videoPath, null, splitSeconds, cancellationToken);
            float[] heldAudio = await PcmDecoder.DecodeMono16kAsync(ffmpeg, videoPath, splitSeconds, null, cancellationToken);
            int stored = Directory.GetFiles(Path.Combine(folder, FrameStore.FolderName), "*.jpg").Length;
            await WriteManifestAsync(folder, trainAudio, fps, stored, cancellationToken);
            long trainStarted = time.GetTimestamp();
            var profile = new AvatarProfile("eval", Path.GetFileNameWithoutExtension(videoPath), "", time.GetUtcNow(), ProfileStatus.Ready, folder);
            LipSyncModel model = await new LipSyncTrainer(detector, options.Value).TrainAsync(folder, profile.Name, trainAudio, fps, null, cancellationToken);
            double trainSeconds = time.GetElapsedTime(trainStarted).TotalSeconds;
            return new Learned(video, fps, total, split, splitSeconds, folder, profile, model, trainSeconds, trainAudio, heldAudio);
        }
        catch
        {
            Learned.DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>A learned clip: its figures, the temporary profile folder and the model.</summary>
    private sealed record Learned(VideoStreamInfo Video, double Fps, int Total, int Split, double SplitSeconds, string Folder, AvatarProfile Profile, LipSyncModel Model,
        double TrainSeconds, float[] TrainAudio, float[] HeldAudio) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            DeleteFolder(Folder);
            return ValueTask.CompletedTask;
        }

        public static void DeleteFolder(string folder)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a file still open on a slow disk: the temp folder is cleaned by the system */ }
        }
    }

    private static int StartOf(FootagePlan plan, int start)
    {
        int talking = plan.Talking.Sum(r => r.Length);
        int offset = talking * start / LoopStarts;
        foreach (FrameRange r in plan.Talking)
        {
            if (offset < r.Length) { return r.Start + offset; }
            offset -= r.Length;
        }
        return plan.Talking[0].Start;
    }

    private static (float X, float Y) BasePoint(LipSyncModel model, PlannedFrame planned)
    {
        float x = model.MouthX[planned.Shown];
        float y = model.MouthY[planned.Shown];
        if (planned.BlendFrom is not { } from) { return (x, y); }
        float w = (float)planned.Weight;
        return ((model.MouthX[from] * (1 - w)) + (x * w), (model.MouthY[from] * (1 - w)) + (y * w));
    }

    private async Task<(List<AvatarFrame> Frames, double Fps)> RenderAsync(IAvatarRenderSession session, float[] audio, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        List<AvatarFrame> frames = await session.RenderAsync(Chunks(audio), cancellationToken).ToListAsync(cancellationToken);
        double seconds = time.GetElapsedTime(started).TotalSeconds;
        return (frames, frames.Count / Math.Max(1e-6, seconds));
    }

    private static async IAsyncEnumerable<AudioChunk> Chunks(float[] audio)
    {
        int size = (int)(Mfcc.SampleRateHz * ChunkSeconds);
        for (int offset = 0; offset < audio.Length; offset += size)
        {
            await Task.CompletedTask;
            yield return new AudioChunk(audio.AsMemory(offset, Math.Min(size, audio.Length - offset)), Mfcc.SampleRateHz, 1, TimeSpan.FromSeconds(offset / (double)Mfcc.SampleRateHz));
        }
    }

    private static async Task<RgbImage> ImageOfAsync(FrameStore store, AvatarFrame frame, CancellationToken cancellationToken) =>
        frame.Jpeg is { } jpeg ? RgbImage.DecodeJpeg(jpeg.Span, "a rendered frame") : await store.DecodeAsync(frame.SourceFrame!.Value, cancellationToken);

    internal static float[] Levels(float[] audio16k, double fps)
    {
        var meter = new FrameEnergyMeter(fps);
        meter.Add(new AudioChunk(audio16k, Mfcc.SampleRateHz, 1, TimeSpan.Zero));
        meter.Complete();
        return [.. meter.Levels];
    }

    private static async Task WriteManifestAsync(string folder, float[] audio, double fps, int frames, CancellationToken cancellationToken)
    {
        // Where the person speaks in the learned part, from the audio level (the evaluation runs no voice activity model).
        bool[] voiced = SyncMetrics.Voiced(Levels(audio, fps));
        var spans = new List<SpeechFactSpan>();
        int t = 0;
        while (t < voiced.Length)
        {
            if (!voiced[t]) { t++; continue; }
            int start = t;
            while (t < voiced.Length && voiced[t]) { t++; }
            spans.Add(new SpeechFactSpan(TimeSpan.FromSeconds(Math.Round(start / fps, 3)), TimeSpan.FromSeconds(Math.Round(t / fps, 3))));
        }
        var facts = new EnrollmentFacts { Frames = new FrameStoreFacts(frames, Math.Round(fps, 3)), Speech = new SpeechFacts(true, spans) };
        await using FileStream stream = File.Create(Path.Combine(folder, FootagePlan.ManifestFile));
        await JsonSerializer.SerializeAsync(stream, facts, ProfileManifestJsonContext.Default.EnrollmentFacts, cancellationToken);
    }

    private async Task<float[]> SpeakAsync(string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) { throw new LipSyncInputException("--drive tts needs a text: pass --text, or put a transcript beside the clip (NAME.txt in the GRID format)."); }
        string wav = Path.Combine(Path.GetTempPath(), $"pixelholo-tts-{Guid.NewGuid():N}.wav");
        try
        {
            List<string> arguments = ["-v", "en-us", "-s", "150", "-w", wav, text];
            await ffmpeg.Tools.RunAsync(new ToolCommand("espeak-ng", "espeak-ng", arguments) { Fix = "Install it (apt-get install espeak-ng)." }, cancellationToken);
            return await PcmDecoder.DecodeMono16kAsync(ffmpeg, wav, null, null, cancellationToken);
        }
        finally
        {
            if (File.Exists(wav)) { File.Delete(wav); }
        }
    }

    /// <summary>The transcript of the sentences after <paramref name="seconds"/>, from NAME.txt beside the clip (lines
    /// "index start end id words…" as in the shared GRID transcript).</summary>
    internal static string TranscriptAfter(string videoPath, double seconds)
    {
        string path = Path.ChangeExtension(videoPath, ".txt");
        if (!File.Exists(path)) { return ""; }
        var words = new List<string>();
        foreach (string line in File.ReadLines(path))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith('#') || parts.Length < 5 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out _)) { continue; }
            if (!double.TryParse(parts[1], CultureInfo.InvariantCulture, out double start) || start < seconds - 0.01) { continue; }
            words.Add(string.Join(' ', parts.Skip(4)) + ".");
        }
        return string.Join(' ', words);
    }

    /// <summary>Measures one frame's mouth.</summary>
    private sealed class MouthMeter(LipSyncModel model)
    {
        public MouthGeometry Geometry => model.Geometry;
    }

    /// <summary>Per-frame measures of one sequence.</summary>
    private sealed class Measured
    {
        private readonly List<float> _opening = [];
        private readonly List<float[]> _crops = [];
        private readonly List<int> _sources = [];

        public void Add(MouthMeter meter, RgbImage image, float x, float y, int source)
        {
            _opening.Add(meter.Geometry.Opening(image, x, y));
            _crops.Add(meter.Geometry.SsimCrop(image, x, y));
            _sources.Add(source);
        }

        public LipSyncFigures Figures(Measured truth, float[] levels, float closed, double fps, double renderFps, bool groundTruth)
        {
            (double sync, double lag) = SyncMetrics.Sync(_opening, levels, fps);
            bool[] voiced = SyncMetrics.Voiced(levels);
            double motion = SyncMetrics.SilentMotion(_crops, SyncMetrics.Silent(voiced));
            double close = SyncMetrics.CloseMs(_opening, voiced, closed, fps);
            int jumps = 0;
            for (int t = 1; t < _sources.Count; t++)
            {
                int a = _sources[t - 1];
                int b = _sources[t];
                // A blend (-1) is one jump, counted where it starts; 0–2 frames on is a (time-warped) run.
                if (b < 0 && a >= 0) { jumps++; }
                else if (a >= 0 && b >= 0 && !(b - a is >= 0 and <= 2)) { jumps++; }
            }
            double? ssim = null;
            if (!groundTruth)
            {
                int n = Math.Min(_crops.Count, truth._crops.Count);
                ssim = Enumerable.Range(0, n).Average(i => SyncMetrics.Ssim(_crops[i], truth._crops[i], 48, 32));
            }
            return new LipSyncFigures(Math.Round(sync, 4), groundTruth ? null : Math.Round(lag, 1), ssim is { } s ? Math.Round(s, 4) : null, Math.Round(motion, 3),
                Math.Round(close, 1), Math.Round(jumps / (_sources.Count / fps), 3), Math.Round(renderFps, 1));
        }
    }
}
