using System.Runtime.CompilerServices;
using PixelHolo.Core.Rendering;

namespace PixelHolo.Media.Composition;

/// <summary>Loop mode as a streaming renderer ("loop"): the person's own footage from the frame store, exactly as long as the
/// speech, talking stretches while the voice is active and idle stretches in pauses and at the end, every jump cross-faded,
/// continuing where the stage's last answer stopped. Frames reference the store by index; only blends are new JPEGs.</summary>
internal sealed class StreamingLoopRenderer(IOptions<LoopRendererOptions> options) : IStreamingAvatarRenderer
{
    public string Name => "loop";

    public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        FrameStore store = FrameStore.Open(profile.Folder, profile.Name);
        FootagePlan plan = FootagePlan.Load(profile.Folder, store.Count);
        return Task.FromResult<IAvatarRenderSession>(new LoopRenderSession(store, plan, options.Value));
    }
}

/// <summary>One stage's loop-mode state: the footage cursor carried from answer to answer.</summary>
internal sealed class LoopRenderSession(FrameStore store, FootagePlan plan, LoopRendererOptions options) : IAvatarRenderSession
{
    private bool _disposed;

    public double FramesPerSecond => plan.FramesPerSecond;

    public FootageCursor Cursor { get; } = new();

    public FootagePlan Plan => plan;

    public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var painter = new BlendPainter(store, options.JpegQuality);
        await foreach (BaseFrame frame in BaseFrames.PlanAsync(speech, plan, Cursor, options, cancellationToken))
        {
            yield return await painter.PaintAsync(frame.Timestamp, frame.Planned, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>A planned base frame with its time and the audio level of its period.</summary>
internal readonly record struct BaseFrame(int Index, TimeSpan Timestamp, PlannedFrame Planned, float Level, bool Speaking);

/// <summary>Turns streamed audio into the base sequence: one planned frame per frame period, each emitted once the look-ahead
/// audio after it has arrived, and the remaining ones when the audio ends (fading into idle footage).</summary>
internal static class BaseFrames
{
    public static async IAsyncEnumerable<BaseFrame> PlanAsync(IAsyncEnumerable<AudioChunk> speech, FootagePlan plan, FootageCursor cursor,
        LoopRendererOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        double fps = plan.FramesPerSecond;
        var meter = new FrameEnergyMeter(fps);
        var detector = new SpeakingDetector((int)Math.Round(options.LookAhead.TotalSeconds * fps), (int)Math.Round(options.Hangover.TotalSeconds * fps));
        var planner = new BaseSequencePlanner(plan, cursor, (int)Math.Round(options.CrossFade.TotalSeconds * fps));
        int emitted = 0;
        int observed = 0;
        await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken))
        {
            meter.Add(chunk);
            for (; observed < meter.Levels.Count; observed++) { detector.Observe(meter.Levels[observed]); }
            // Frame k needs its own period plus the look-ahead, and the fade to idle needs to know the end is near: keep back
            // as many frames as the longer of the two.
            int keep = Math.Max(detector.LookAheadFrames, (int)Math.Round(options.CrossFade.TotalSeconds * fps));
            while (emitted + keep < meter.Levels.Count)
            {
                yield return Make(emitted, planner.Next(detector.IsSpeaking(meter.Levels, emitted)), meter, detector, fps);
                emitted++;
            }
        }
        meter.Complete();
        for (; observed < meter.Levels.Count; observed++) { detector.Observe(meter.Levels[observed]); }
        int total = meter.FramesToCover;
        for (; emitted < total; emitted++)
        {
            yield return Make(emitted, planner.Next(detector.IsSpeaking(meter.Levels, emitted), total - emitted), meter, detector, fps);
        }
    }

    private static BaseFrame Make(int index, PlannedFrame planned, FrameEnergyMeter meter, SpeakingDetector detector, double fps) =>
        new(index, TimeSpan.FromSeconds(index / fps), planned, index < meter.Levels.Count ? meter.Levels[index] : 0, detector.IsSpeaking(meter.Levels, index));
}

/// <summary>Paints planned frames: a reference to the store when shown as stored, a blended JPEG during a cross-fade.</summary>
internal sealed class BlendPainter(FrameStore store, int jpegQuality)
{
    public async ValueTask<AvatarFrame> PaintAsync(TimeSpan timestamp, PlannedFrame planned, CancellationToken cancellationToken)
    {
        if (planned.BlendFrom is not { } from) { return new AvatarFrame(timestamp, planned.Shown, null); }
        RgbImage blended = await BlendAsync(from, planned.Shown, planned.Weight, cancellationToken);
        return new AvatarFrame(timestamp, null, blended.EncodeJpeg(jpegQuality));
    }

    public async ValueTask<RgbImage> BlendAsync(int from, int to, double weight, CancellationToken cancellationToken)
    {
        RgbImage a = await store.DecodeAsync(from, cancellationToken);
        RgbImage b = await store.DecodeAsync(to, cancellationToken);
        return RgbImage.Blend(a, b, weight);
    }
}
