using PixelHolo.Conversation.Turns;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Tests.Turns;

public sealed class StageTransitionsTests
{
    [Theory]
    [InlineData(StageState.Idle, StageState.Speaking)]
    [InlineData(StageState.Idle, StageState.Interrupted)]
    [InlineData(StageState.Listening, StageState.Thinking)]
    [InlineData(StageState.Thinking, StageState.Searching)]
    [InlineData(StageState.Speaking, StageState.Thinking)]
    [InlineData(StageState.Interrupted, StageState.Speaking)]
    public void Check_IllegalMove_ThrowsNamingTheTurn(StageState from, StageState to)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StageTransitions.Check(from, to, "t1"));

        Assert.Contains($"{from} → {to} (turn t1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TheSpokenPath_IsLegalStepByStep()
    {
        StageState[] path = [StageState.Idle, StageState.Listening, StageState.Transcribing, StageState.Searching, StageState.SearchFailed,
            StageState.Thinking, StageState.Speaking, StageState.Interrupted, StageState.Listening, StageState.Transcribing, StageState.Error, StageState.Thinking,
            StageState.Speaking, StageState.Idle];

        for (int i = 1; i < path.Length; i++) { StageTransitions.Check(path[i - 1], path[i], "t1"); }

        Assert.All(Enum.GetValues<StageState>(), s => Assert.Equal(s is not (StageState.Idle or StageState.Interrupted or StageState.Error), StageTransitions.IsBusy(s)));
    }
}

public sealed class VoiceTrackerTests
{
    private static VoiceActivityScore Window(int index, float probability, float levelDb = -20) =>
        new(TimeSpan.FromMilliseconds(32 * index), TimeSpan.FromMilliseconds(32), probability, levelDb);

    [Fact]
    public void Add_SpeechThenQuietWindows_SilenceCountsOnlyBelowTheLowerThreshold()
    {
        var tracker = new VoiceTracker(threshold: 0.5f, bargeInLevelDb: -30);
        int i = 0;
        tracker.Add(Window(i++, 0.1f));
        Assert.Equal(TimeSpan.Zero, tracker.Silence); // no speech yet: nothing to be silent after
        for (int k = 0; k < 10; k++) { tracker.Add(Window(i++, 0.9f)); }
        tracker.Add(Window(i++, 0.4f)); // between 0.35 and 0.5: still speech (hysteresis)
        Assert.Equal(TimeSpan.FromMilliseconds(32 * 11), tracker.SpeechRun);
        tracker.Add(Window(i++, 0.2f));
        tracker.Add(Window(i++, 0.2f));

        Assert.Equal(TimeSpan.FromMilliseconds(64), tracker.Silence);
        Assert.Equal(TimeSpan.Zero, tracker.SpeechRun);
        Assert.Equal(1, tracker.Pause);
        Assert.Equal(TimeSpan.FromMilliseconds(32 * 11), tracker.Speech);
    }

    [Fact]
    public void Add_QuietSpeech_NeverReachesTheBargeInLevel()
    {
        var tracker = new VoiceTracker(threshold: 0.5f, bargeInLevelDb: -30);

        for (int k = 0; k < 20; k++) { tracker.Add(Window(k, 0.9f, levelDb: -45)); } // the avatar's own voice after echo cancellation
        Assert.Equal(TimeSpan.Zero, tracker.LoudRun);
        for (int k = 20; k < 25; k++) { tracker.Add(Window(k, 0.9f, levelDb: -20)); } // the visitor, close to the microphone

        Assert.Equal(TimeSpan.FromMilliseconds(32 * 5), tracker.LoudRun);
    }
}
