namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Which frames the full model runs on, and why.</summary>
/// <param name="Keys">Frame indices, ascending.</param>
/// <param name="Shots">The clip split at its shot changes, in order, covering every frame.</param>
/// <param name="FrameCount">Frames in the clip.</param>
internal sealed record KeyFramePlan(IReadOnlyList<int> Keys, IReadOnlyList<Shot> Shots, int FrameCount)
{
    /// <summary>Frame indices where a new shot starts (jump cuts, and takes with other light or clothes).</summary>
    public IReadOnlyList<int> Cuts => [.. Shots.Skip(1).Select(s => s.Start)];

    /// <summary>Motion within the shots, summed over the clip: the mean luma change (0..255) of the 64 × 64 thumbnail between
    /// neighbouring frames, cuts left out.</summary>
    public double Motion { get; init; }

    /// <summary>True when the camera moves in any shot (no background plate there, denser key frames).</summary>
    public bool CameraMoving => Shots.Any(s => s.CameraMoving);

    /// <summary>The largest median border change of a shot against its first frame (0..255 luma).</summary>
    public double BorderChange => Shots.Max(s => s.BorderChange);
}

/// <summary>Frames [<paramref name="Start"/>, <paramref name="End"/>) of one shot.</summary>
/// <param name="CameraMoving">True when the frame border changes within the shot.</param>
/// <param name="BorderChange">Median border change against the shot's first frame (0..255 luma).</param>
internal sealed record Shot(int Start, int End, bool CameraMoving, double BorderChange)
{
    public int Length => End - Start;
}
