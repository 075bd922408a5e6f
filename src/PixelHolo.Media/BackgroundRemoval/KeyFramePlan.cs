namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Which frames the full model runs on, and why.</summary>
/// <param name="Keys">Frame indices, ascending, first and last frame included.</param>
/// <param name="CameraMoving">True when the border of the frame changes: no background plate, denser key frames.</param>
/// <param name="BorderChange">Median border change against the first frame (0..255 luma).</param>
/// <param name="Cuts">Frame indices where a jump cut starts.</param>
internal sealed record KeyFramePlan(IReadOnlyList<int> Keys, bool CameraMoving, double BorderChange, IReadOnlyList<int> Cuts)
{
    /// <summary>Frames in the clip.</summary>
    public int FrameCount => Keys.Count == 0 ? 0 : Keys[^1] + 1;
}
