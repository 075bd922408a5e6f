using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Idle;

/// <summary>The loop the stage plays while the person "listens": inside a stretch without speech, the pair of frames
/// (start, end) at least <see cref="IdleOptions.MinLoop"/> apart whose pictures differ least, so the jump back is invisible.</summary>
internal static class LoopPointFinder
{
    /// <param name="thumbnails">One motion thumbnail per sample, samples every 1 / <paramref name="samplesPerSecond"/> s from 0.</param>
    public static LoopChoice Find(IReadOnlyList<byte[]> thumbnails, double samplesPerSecond, SpeechTimeline speech, IdleOptions options)
    {
        ArgumentNullException.ThrowIfNull(thumbnails);
        if (thumbnails.Count < 2) { throw new ArgumentException("At least two sampled frames are needed for a loop.", nameof(thumbnails)); }
        TimeSpan duration = TimeSpan.FromSeconds(thumbnails.Count / samplesPerSecond);
        int minLength = Math.Max(1, (int)Math.Round(options.MinLoop.TotalSeconds * samplesPerSecond));
        int maxLength = Math.Max(minLength, (int)Math.Round(options.MaxLoop.TotalSeconds * samplesPerSecond));
        int fade = (int)Math.Ceiling(options.CrossFade.TotalSeconds * samplesPerSecond);

        List<SpeechSpan> idle = speech.Silences(duration, options.SpeechMargin)
            .Where(s => (s.End - s.Start).TotalSeconds * samplesPerSecond >= minLength + fade).ToList();
        bool insideIdle = idle.Count > 0;
        IReadOnlyList<SpeechSpan> searched = insideIdle ? idle : [new SpeechSpan(TimeSpan.Zero, duration)];

        LoopChoice? best = null;
        foreach (SpeechSpan segment in searched)
        {
            // The cross-fade blends in the frames just before the start, so those must be idle too.
            int first = Math.Min(thumbnails.Count - 1, (int)Math.Ceiling(segment.Start.TotalSeconds * samplesPerSecond) + fade);
            int last = Math.Min(thumbnails.Count - 1, (int)Math.Floor(segment.End.TotalSeconds * samplesPerSecond));
            for (int a = first; a <= last; a++)
            {
                for (int b = a + minLength; b <= Math.Min(last, a + maxLength); b++)
                {
                    // Small preference for longer loops: a repeating 2 s is more noticeable than a repeating 10 s.
                    double jump = MotionThumbnail.MeanDifference(thumbnails[a], thumbnails[b]);
                    double score = jump - (0.02 * (b - a) / samplesPerSecond);
                    if (best is null || score < best.Score)
                    {
                        best = new LoopChoice(a, b, jump, score, insideIdle, idle);
                    }
                }
            }
        }
        return best ?? new LoopChoice(0, thumbnails.Count - 1, MotionThumbnail.MeanDifference(thumbnails[0], thumbnails[^1]), double.MaxValue, false, idle);
    }
}

/// <summary>A loop from sample <paramref name="Start"/> (shown first) to sample <paramref name="End"/> (the frame the loop
/// jumps back from; not shown).</summary>
/// <param name="Jump">Mean luma difference (0..255) between the start and end pictures.</param>
/// <param name="InsideIdle">False when no stretch without speech was long enough and the loop includes speech movement.</param>
/// <param name="IdleSegments">The stretches without speech that were searched.</param>
internal sealed record LoopChoice(int Start, int End, double Jump, double Score, bool InsideIdle, IReadOnlyList<SpeechSpan> IdleSegments);
