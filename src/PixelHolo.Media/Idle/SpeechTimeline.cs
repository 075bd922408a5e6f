using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Idle;

/// <summary>Where the person speaks, shared between enrollment steps through the manifest's speech section
/// (<c>EnrollmentContext.Facts.Speech</c>).</summary>
/// <param name="Checked">False when no voice activity detector ran (then nothing is known about speech).</param>
public sealed record SpeechTimeline(bool Checked, IReadOnlyList<SpeechSpan> Spans)
{
    /// <summary>The timeline of a manifest's speech section; unchecked (nothing known) when there is none.</summary>
    public static SpeechTimeline From(SpeechFacts? facts) =>
        facts is null ? new SpeechTimeline(false, []) : new SpeechTimeline(facts.Checked, [.. facts.Spans.Select(s => new SpeechSpan(s.Start, s.End))]);

    /// <summary>The manifest's speech section.</summary>
    public SpeechFacts ToFacts() => new(Checked, [.. Spans.Select(s => new SpeechFactSpan(s.Start, s.End))]);

    public bool IsSpeech(TimeSpan time, TimeSpan margin) => Spans.Any(s => time >= s.Start - margin && time <= s.End + margin);

    /// <summary>The stretches of [0, duration] without speech (each speech span widened by <paramref name="margin"/>).</summary>
    public IReadOnlyList<SpeechSpan> Silences(TimeSpan duration, TimeSpan margin)
    {
        var result = new List<SpeechSpan>();
        TimeSpan cursor = TimeSpan.Zero;
        foreach (SpeechSpan s in Spans.OrderBy(s => s.Start))
        {
            TimeSpan start = s.Start - margin;
            if (start > cursor) { result.Add(new SpeechSpan(cursor, start)); }
            if (s.End + margin > cursor) { cursor = s.End + margin; }
        }
        if (cursor < duration) { result.Add(new SpeechSpan(cursor, duration)); }
        return result;
    }
}
