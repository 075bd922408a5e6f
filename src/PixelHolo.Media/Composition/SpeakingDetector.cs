namespace PixelHolo.Media.Composition;

/// <summary>Decides per frame whether the voice is active: a level above an absolute floor and above a fraction of the
/// loudest frame so far; a frame counts as speaking when any voiced frame lies within <c>hangover</c> frames before it or
/// <c>lookAhead</c> frames after it (the mouth opens before the sound starts and short pauses stay talking).</summary>
internal sealed class SpeakingDetector(int lookAheadFrames, int hangoverFrames, float floorRms = 0.004f, float relativeToPeak = 0.1f)
{
    private float _peak;

    public int LookAheadFrames => lookAheadFrames;

    public bool IsVoiced(float level) => level >= Math.Max(floorRms, relativeToPeak * _peak);

    /// <summary>Notes a level as it arrives (the peak only grows).</summary>
    public void Observe(float level) => _peak = Math.Max(_peak, level);

    /// <summary>Speaking at <paramref name="frame"/>, given the levels known so far (frames past the end count as silent).</summary>
    public bool IsSpeaking(IReadOnlyList<float> levels, int frame)
    {
        ArgumentNullException.ThrowIfNull(levels);
        int from = Math.Max(0, frame - hangoverFrames);
        int to = Math.Min(levels.Count - 1, frame + lookAheadFrames);
        for (int i = from; i <= to; i++)
        {
            if (IsVoiced(levels[i])) { return true; }
        }
        return false;
    }
}
