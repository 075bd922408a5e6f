using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Idle;

/// <summary>Where the person speaks, shared between enrollment steps through <c>EnrollmentContext.Facts["speech"]</c>.</summary>
/// <param name="Checked">False when no voice activity detector ran (then nothing is known about speech).</param>
public sealed record SpeechTimeline(bool Checked, IReadOnlyList<SpeechSpan> Spans)
{
    public const string FactKey = "speech";

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
