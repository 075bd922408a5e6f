namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The matte confidence over a whole clip: mean, lowest, and the stretches that stayed below the threshold.</summary>
/// <param name="Mean">Mean confidence of all frames (0..1).</param>
/// <param name="Minimum">Lowest confidence of any frame.</param>
/// <param name="LowSpans">Stretches of at least 0.2 s where the confidence stayed under the threshold (gaps under 0.5 s joined).</param>
internal sealed record MatteQuality(double Mean, double Minimum, IReadOnlyList<MatteSpan> LowSpans)
{
    public static MatteQuality From(ReadOnlySpan<float> confidence, double framesPerSecond, double threshold)
    {
        if (confidence.Length == 0) { return new MatteQuality(1, 1, []); }
        double sum = 0, min = 1;
        var spans = new List<MatteSpan>();
        int joinGap = Math.Max(1, (int)Math.Round(0.5 * framesPerSecond));
        int shortest = Math.Max(1, (int)Math.Round(0.2 * framesPerSecond));
        int start = -1, last = -1;
        for (int i = 0; i < confidence.Length; i++)
        {
            sum += confidence[i];
            min = Math.Min(min, confidence[i]);
            if (confidence[i] >= threshold) { continue; }
            if (start >= 0 && i - last > joinGap)
            {
                Close(start, last);
                start = -1;
            }
            if (start < 0) { start = i; }
            last = i;
        }
        if (start >= 0) { Close(start, last); }
        return new MatteQuality(sum / confidence.Length, min, spans);

        void Close(int first, int final)
        {
            if (final - first + 1 >= shortest) { spans.Add(new MatteSpan(first / framesPerSecond, (final + 1) / framesPerSecond)); }
        }
    }
}

/// <summary>A stretch of the clip, in seconds.</summary>
public sealed record MatteSpan(double StartSeconds, double EndSeconds);
