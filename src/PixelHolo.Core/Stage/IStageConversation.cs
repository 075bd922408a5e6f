using PixelHolo.Core.Audio;
using PixelHolo.Core.Rendering;

namespace PixelHolo.Core.Stage;

/// <summary>One open stage: the turn state machine behind a stage page (or the CLI). The page sends
/// <see cref="StageInput"/> events; the machine alone decides the <see cref="StageState"/> and streams
/// <see cref="StageOutput"/> back. Created per stage page connection by <see cref="IStageConversationFactory"/>.</summary>
public interface IStageConversation : IAsyncDisposable
{
    /// <summary>The profile this stage shows.</summary>
    string ProfileId { get; }

    /// <summary>The state now.</summary>
    StageState State { get; }

    /// <summary>Everything the page must show or play, in order. One reader only; completes when the stage is disposed.</summary>
    IAsyncEnumerable<StageOutput> ReadOutputsAsync(CancellationToken cancellationToken = default);

    /// <summary>Hands an event from the page to the machine. Returns once it is queued, not when it is handled.</summary>
    ValueTask SendAsync(StageInput input, CancellationToken cancellationToken = default);
}

/// <summary>Opens stage conversations.</summary>
public interface IStageConversationFactory
{
    /// <summary>Opens a stage for <paramref name="profileId"/>; throws a domain exception with the fix when it cannot.</summary>
    Task<IStageConversation> OpenAsync(string profileId, ListeningMode mode, CancellationToken cancellationToken = default);

    /// <summary>Opens a stage with no page behind it (the CLI, benchmarks): no playback reports come, so the answer's audio
    /// counts as heard as soon as it is produced, and an answer is over when its last audio and frame are out.</summary>
    Task<IStageConversation> OpenHeadlessAsync(string profileId, CancellationToken cancellationToken = default);
}

/// <summary>How a turn starts and ends on the stage.</summary>
public enum ListeningMode
{
    /// <summary>Press space once, speak; a moment of silence (or a maximum length) ends the turn. The original's mode.</summary>
    PressToTalk,

    /// <summary>Hold space while speaking; releasing it ends the turn.</summary>
    HoldToTalk,

    /// <summary>Voice activity starts the turn and silence ends it.</summary>
    HandsFree,
}

/// <summary>An event from the stage page (or the CLI) to the turn state machine.</summary>
public abstract record StageInput
{
    /// <summary>The talk key (space) went down.</summary>
    public sealed record KeyDown : StageInput;

    /// <summary>The talk key (space) went up.</summary>
    public sealed record KeyUp : StageInput;

    /// <summary>Microphone PCM, 16 kHz mono, as captured.</summary>
    public sealed record MicAudio(AudioChunk Audio) : StageInput;

    /// <summary>A typed question (debug box, CLI).</summary>
    public sealed record TextQuestion(string Text) : StageInput;

    /// <summary>A whole recorded question (CLI <c>--audio</c>, uploads).</summary>
    public sealed record AudioQuestion(AudioChunk Audio) : StageInput;

    /// <summary>The page started playing the answer of <paramref name="TurnId"/>.</summary>
    public sealed record PlaybackStarted(string TurnId) : StageInput;

    /// <summary>How much of the answer's audio the page has played so far.</summary>
    public sealed record PlaybackPosition(string TurnId, TimeSpan Played) : StageInput;

    /// <summary>The page played the whole answer.</summary>
    public sealed record PlaybackEnded(string TurnId, TimeSpan Played) : StageInput;

    /// <summary>Switch the listening mode.</summary>
    public sealed record SetListeningMode(ListeningMode Mode) : StageInput;
}

/// <summary>Something the stage must show or play.</summary>
public abstract record StageOutput
{
    /// <summary>The state changed (the icon). <paramref name="TurnId"/> is null outside a turn.</summary>
    public sealed record StateChanged(StageEvent Event, string? TurnId) : StageOutput;

    /// <summary>What was heard so far (partial) or in the end (final), for captions and the debug view.</summary>
    public sealed record Heard(string TurnId, string Text, bool IsFinal) : StageOutput;

    /// <summary>A piece of the answer's text as it is spoken (captions).</summary>
    public sealed record Said(string TurnId, string Text) : StageOutput;

    /// <summary>Audio of the answer; <see cref="AudioChunk.Start"/> is the offset within the answer.</summary>
    public sealed record Audio(string TurnId, AudioChunk Chunk) : StageOutput;

    /// <summary>A frame of the answer, timed against the answer's audio.</summary>
    public sealed record Frame(string TurnId, AvatarFrame Value) : StageOutput;

    /// <summary>No more audio or frames for this answer. <paramref name="Interrupted"/> when barge-in or a fault cut it.</summary>
    public sealed record AnswerEnded(string TurnId, bool Interrupted) : StageOutput;

    /// <summary>The turn is over (after playback, barge-in or a fault): what it came to, with its timings. Sent after the
    /// turn's last state change but before the next turn's first one; a page may ignore it.</summary>
    public sealed record TurnCompleted(TurnReport Report) : StageOutput;
}
