namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>How many extra key frames the matte check may still ask for, counted in reference runs (a key at 768 × 576 counts
/// 0.42, <see cref="ModelRegion.Cost"/>). The clip's whole budget is <see cref="MattingOptions.MinExtraKeyFrames"/> plus
/// <see cref="MattingOptions.MaxExtraKeyFramesPerMinute"/> per minute of video, a hard bound however bad the clip (a key is allowed while the spent cost is under it, so the last one may pass it by its own cost, under one reference run). It is handed
/// out as the clip goes on: by frame <c>i</c> the check may have spent the floor plus the per-minute rate times the time up to
/// <c>i</c>, so the first seconds cannot spend what the later takes need (the cut-heavy footage spent all 12 of its keys in its
/// first 12.5 s, and a frame at confidence 0.00 at 16.5 s got none). A severe frame (confidence under half of
/// <see cref="MattingOptions.MinConfidence"/>) may draw on the rest of the clip's budget ahead of time.</summary>
internal sealed class ExtraKeyBudget
{
    private readonly double _floor;
    private readonly double _perFrame;
    private readonly double _severe;

    public ExtraKeyBudget(int frameCount, double framesPerSecond, MattingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        _floor = options.MinExtraKeyFrames;
        _perFrame = options.MaxExtraKeyFramesPerMinute / 60.0 / framesPerSecond;
        _severe = options.MinConfidence / 2;
        Total = _floor + (_perFrame * Math.Max(0, frameCount));
    }

    /// <summary>The clip's whole budget, in reference runs.</summary>
    public double Total { get; }

    /// <summary>Reference runs spent so far.</summary>
    public double Spent { get; private set; }

    /// <summary>Extra keys taken so far.</summary>
    public int Count { get; private set; }

    /// <summary>What frame <paramref name="index"/> may have spent by then: the floor plus the rate over frames 0..index.</summary>
    public double AllowanceAt(int index) => Math.Min(Total, _floor + (_perFrame * (index + 1)));

    /// <summary>True when frame <paramref name="index"/>, at <paramref name="confidence"/>, may get a key of its own now.</summary>
    public bool Allows(int index, double confidence) => Spent < (confidence < _severe ? Total : AllowanceAt(index));

    /// <summary>Counts one extra key that cost <paramref name="cost"/> reference runs.</summary>
    public void Spend(double cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        Spent += cost;
        Count++;
    }
}
