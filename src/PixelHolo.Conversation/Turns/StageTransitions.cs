using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Turns;

/// <summary>The legal moves of the stage's state machine. Idle → Listening → Transcribing → (Searching | SearchFailed) →
/// Thinking → Speaking → Idle, where a typed question starts at Searching or Thinking and a recorded one at Transcribing;
/// any state of a turn in flight may go to Interrupted (barge-in) or Error (a fault), and those two rest like Idle until
/// the next turn. Anything else is a bug: <see cref="Check"/> throws.</summary>
internal static class StageTransitions
{
    private static readonly StageState[] TurnStarts = [StageState.Listening, StageState.Transcribing, StageState.Searching, StageState.Thinking];

    private static readonly Dictionary<StageState, StageState[]> Allowed = new()
    {
        [StageState.Idle] = [.. TurnStarts, StageState.Error],
        [StageState.Listening] = [StageState.Transcribing, StageState.Idle, StageState.Interrupted, StageState.Error],
        [StageState.Transcribing] = [StageState.Searching, StageState.Thinking, StageState.Interrupted, StageState.Error],
        [StageState.Searching] = [StageState.SearchFailed, StageState.Thinking, StageState.Interrupted, StageState.Error],
        [StageState.SearchFailed] = [StageState.Thinking, StageState.Interrupted, StageState.Error],
        [StageState.Thinking] = [StageState.Speaking, StageState.Interrupted, StageState.Error],
        [StageState.Speaking] = [StageState.Idle, StageState.Interrupted, StageState.Error],
        [StageState.Interrupted] = [.. TurnStarts, StageState.Idle],
        [StageState.Error] = [.. TurnStarts, StageState.Idle],
    };

    public static bool IsAllowed(StageState from, StageState to) => Allowed[from].Contains(to);

    /// <summary>Throws <see cref="InvalidOperationException"/> for an illegal move (a bug in the machine, never the visitor's doing).</summary>
    public static void Check(StageState from, StageState to, string? turnId)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException(
                $"Illegal stage transition {from} → {to} (turn {turnId ?? "none"}). Allowed from {from}: {string.Join(", ", Allowed[from])}.");
        }
    }

    /// <summary>A turn is in flight (a new question or barge-in must cut it first).</summary>
    public static bool IsBusy(StageState state) => state is StageState.Listening or StageState.Transcribing or StageState.Searching
        or StageState.SearchFailed or StageState.Thinking or StageState.Speaking;
}
