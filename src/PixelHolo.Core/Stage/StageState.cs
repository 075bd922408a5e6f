namespace PixelHolo.Core.Stage;

/// <summary>What the avatar is doing; each state has its own icon on the stage page.</summary>
public enum StageState
{
    Idle,
    Listening,
    Transcribing,
    Searching,
    SearchFailed,
    Thinking,
    Speaking,
    Interrupted,
    Error,
}

/// <summary>A change of <see cref="StageState"/>, with a human-readable detail (an error's fix, say).</summary>
public sealed record StageEvent(StageState State, string? Detail, DateTimeOffset AtUtc);
