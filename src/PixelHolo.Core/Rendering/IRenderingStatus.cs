namespace PixelHolo.Core.Rendering;

/// <summary>Which streaming engine is rendering answers and why, for <c>/status</c>, the log and the turn record: the
/// automatic choice falls back (lip-sync → loop → still) visibly, never silently.</summary>
public interface IRenderingStatus
{
    /// <summary>The latest choice, or null before the first stage opened.</summary>
    RenderingState? Current { get; }
}

/// <summary>One choice of engine.</summary>
/// <param name="Requested">The configured engine ("auto", "lipsync", "loop", "still").</param>
/// <param name="Engine">The engine in use.</param>
/// <param name="FallbackReason">Why <paramref name="Engine"/> is not the first choice, in plain words; null when it is.</param>
/// <param name="FramesPerSecond">The engine's last measured rendering speed, when measured.</param>
/// <param name="At">When this was decided.</param>
public sealed record RenderingState(string Requested, string Engine, string? FallbackReason, double? FramesPerSecond, DateTimeOffset At);
