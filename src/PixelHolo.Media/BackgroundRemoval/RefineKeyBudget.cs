namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>How many keys may still go between keys that disagree (<see cref="KeyAgreement"/>), counted in reference runs: by
/// frame <c>i</c> at most <see cref="MattingOptions.MinExtraKeyFrames"/> plus <see cref="MattingOptions.MaxRefineKeyFramesPerKey"/>
/// times the planned keys before <c>i</c>, so the model's work grows with the plan and a long unsteady stretch early in the clip
/// cannot spend what later takes need. Shared by the key thread (between planned keys) and the per-frame pass (after a key of
/// the matte check's own); thread-safe.</summary>
internal sealed class RefineKeyBudget(IReadOnlyList<int> plannedKeys, MattingOptions options)
{
    private readonly Lock _lock = new();
    private double _spent;
    private int _count;

    /// <summary>Keys taken so far.</summary>
    public int Count
    {
        get { lock (_lock) { return _count; } }
    }

    /// <summary>Reference runs spent so far.</summary>
    public double Spent
    {
        get { lock (_lock) { return _spent; } }
    }

    /// <summary>What may have been spent by frame <paramref name="frame"/>.</summary>
    public double AllowanceAt(int frame)
    {
        int before = 0;
        foreach (int key in plannedKeys) { if (key < frame) { before++; } }
        return options.MinExtraKeyFrames + (options.MaxRefineKeyFramesPerKey * before);
    }

    /// <summary>True when a key at frame <paramref name="frame"/> may be run now.</summary>
    public bool Allows(int frame)
    {
        lock (_lock) { return _spent < AllowanceAt(frame); }
    }

    /// <summary>Counts one key that cost <paramref name="cost"/> reference runs.</summary>
    public void Spend(double cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        lock (_lock)
        {
            _spent += cost;
            _count++;
        }
    }
}
