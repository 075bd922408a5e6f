using System.Collections.Concurrent;
using System.Threading.Channels;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>A hand-written turn state machine for testing the wire and the page (ordering, barge-in, playback reports,
/// listening modes) without language model, recogniser or synthesiser. It never stands in for the real machine's own
/// tests: it "hears" by microphone level (speech = RMS over a threshold, the turn ends after <see cref="EndSilence"/> of
/// quiet) and answers every question with a tone of <see cref="AnswerSeconds"/> and stored frames at 25 fps.</summary>
internal sealed class ScriptedStageConversation(string profileId, ListeningMode mode, int frameCount) : IStageConversation
{
    public const string Answer = "Hello, I am Ada. Nice to meet you.";
    public const int AudioRateHz = 22_050;
    public const double FramesPerSecond = 25;

    private readonly Channel<StageOutput> _outputs = Channel.CreateBounded<StageOutput>(new BoundedChannelOptions(100_000) { SingleReader = true });
    private readonly Lock _gate = new();
    private int _turns;
    private string? _turnId;
    private bool _heardSpeech;
    private TimeSpan _quiet;
    private TimeSpan _speech;

    public string ProfileId { get; } = profileId;

    public StageState State { get; private set; } = StageState.Idle;

    public ListeningMode Mode { get; private set; } = mode;

    public double AnswerSeconds { get; set; } = 2;

    public TimeSpan EndSilence { get; set; } = TimeSpan.FromSeconds(0.7);

    public float SpeechRms { get; set; } = 0.02f;

    /// <summary>Every input, in the order it arrived.</summary>
    public ConcurrentQueue<StageInput> Inputs { get; } = new();

    /// <summary>Every output, in the order it was queued.</summary>
    public ConcurrentQueue<StageOutput> Outputs { get; } = new();

    public bool Disposed { get; private set; }

    /// <summary>Seconds of microphone audio received while listening that were louder than <see cref="SpeechRms"/>.</summary>
    public double SpeechSecondsHeard => _speech.TotalSeconds;

    public IAsyncEnumerable<StageOutput> ReadOutputsAsync(CancellationToken cancellationToken = default) => _outputs.Reader.ReadAllAsync(cancellationToken);

    public ValueTask SendAsync(StageInput input, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        Inputs.Enqueue(input);
        lock (_gate)
        {
            Handle(input);
            foreach ((Func<StageInput, bool> match, TaskCompletionSource<StageInput> done) in _waiters.ToArray())
            {
                if (match(input)) { done.TrySetResult(input); _waiters.Remove((match, done)); }
            }
        }
        return ValueTask.CompletedTask;
    }

    private readonly List<(Func<StageInput, bool>, TaskCompletionSource<StageInput>)> _waiters = [];

    /// <summary>The first input (already received or still to come) that matches, or a timeout after a generous minute.</summary>
    public Task<StageInput> WaitForInputAsync(Func<StageInput, bool> match) => WaitForInputAsync(match, TimeSpan.FromMinutes(1));

    public Task<StageInput> WaitForInputAsync(Func<StageInput, bool> match, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (Inputs.FirstOrDefault(match) is { } seen) { return Task.FromResult(seen); }
            var done = new TaskCompletionSource<StageInput>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Waits for <paramref name="count"/> inputs of type <typeparamref name="T"/>.</summary>
    public async Task<List<T>> WaitForInputsAsync<T>(int count) where T : StageInput
    {
        int seen = 0;
        await WaitForInputAsync(i => i is T && ++seen >= count);
        return [.. Inputs.OfType<T>()];
    }

    private void Handle(StageInput input)
    {
        switch (input)
        {
            case StageInput.SetListeningMode m:
                Mode = m.Mode;
                break;
            case StageInput.TextQuestion q when State is StageState.Idle or StageState.Error:
                StartTurn();
                AnswerTurn(q.Text);
                break;
            case StageInput.KeyDown when State == StageState.Speaking:
                Interrupt();
                StartListening();
                break;
            case StageInput.KeyDown when State is StageState.Idle or StageState.Error && Mode != ListeningMode.HandsFree:
                StartTurn();
                StartListening();
                break;
            case StageInput.KeyUp when State == StageState.Listening && Mode == ListeningMode.HoldToTalk:
                EndListening();
                break;
            case StageInput.MicAudio a:
                Hear(a.Audio);
                break;
            case StageInput.PlaybackEnded e when State == StageState.Speaking && e.TurnId == _turnId:
                Emit(new StageOutput.StateChanged(new StageEvent(StageState.Idle, null, DateTimeOffset.UtcNow), null));
                break;
        }
    }

    private void Hear(AudioChunk audio)
    {
        double rms = Math.Sqrt(audio.Samples.Span.ToArray().Average(s => (double)s * s));
        bool loud = rms > SpeechRms;
        if (Mode == ListeningMode.HandsFree && loud && State == StageState.Speaking) { Interrupt(); StartListening(); }
        else if (Mode == ListeningMode.HandsFree && loud && State is StageState.Idle or StageState.Error) { StartTurn(); StartListening(); }
        if (State != StageState.Listening) { return; }
        if (loud) { _heardSpeech = true; _quiet = TimeSpan.Zero; _speech += audio.Duration; }
        else if (_heardSpeech) { _quiet += audio.Duration; }
        if (_heardSpeech && _quiet >= EndSilence && Mode != ListeningMode.HoldToTalk) { EndListening(); }
    }

    private void StartTurn() => _turnId = $"turn-{Interlocked.Increment(ref _turns)}";

    private void StartListening()
    {
        _heardSpeech = false;
        _quiet = TimeSpan.Zero;
        Set(StageState.Listening);
    }

    /// <summary>Microphone chunks received when the last turn stopped listening.</summary>
    public int MicChunksWhenListeningEnded { get; private set; }

    /// <summary>Waits until <paramref name="seconds"/> of speech were heard while listening.</summary>
    public Task WaitForSpeechAsync(double seconds) => WaitForInputAsync(i => i is StageInput.MicAudio && _speech.TotalSeconds >= seconds);

    private void EndListening()
    {
        MicChunksWhenListeningEnded = Inputs.OfType<StageInput.MicAudio>().Count();
        Set(StageState.Transcribing);
        string heard = $"{_speech.TotalSeconds:0.0} s of speech";
        Emit(new StageOutput.Heard(_turnId!, heard, IsFinal: true));
        AnswerTurn(heard);
    }

    private void Interrupt()
    {
        Set(StageState.Interrupted);
        Emit(new StageOutput.AnswerEnded(_turnId!, Interrupted: true));
        StartTurn();
    }

    private void AnswerTurn(string question)
    {
        _ = question;
        Set(StageState.Thinking);
        Emit(new StageOutput.Said(_turnId!, Answer));
        const double ChunkSeconds = 0.2;
        int frame = 0;
        for (double start = 0; start < AnswerSeconds - 1e-9; start += ChunkSeconds)
        {
            double length = Math.Min(ChunkSeconds, AnswerSeconds - start);
            float[] samples = new float[(int)Math.Round(length * AudioRateHz)];
            int offset = (int)Math.Round(start * AudioRateHz);
            for (int i = 0; i < samples.Length; i++) { samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * (offset + i) / AudioRateHz); }
            Emit(new StageOutput.Audio(_turnId!, new AudioChunk(samples, AudioRateHz, 1, TimeSpan.FromSeconds(start))));
            if (start == 0) { Set(StageState.Speaking); }
            for (; frame / FramesPerSecond < start + length - 1e-9; frame++)
            {
                Emit(new StageOutput.Frame(_turnId!, new AvatarFrame(TimeSpan.FromSeconds(frame / FramesPerSecond), frame % frameCount, null)));
            }
        }
        Emit(new StageOutput.AnswerEnded(_turnId!, Interrupted: false));
    }

    private void Set(StageState state)
    {
        State = state;
        Emit(new StageOutput.StateChanged(new StageEvent(state, null, DateTimeOffset.UtcNow), state == StageState.Idle ? null : _turnId));
    }

    private void Emit(StageOutput output)
    {
        Outputs.Enqueue(output);
        if (!_outputs.Writer.TryWrite(output)) { throw new InvalidOperationException("The scripted stage's output queue is full."); }
    }

    /// <summary>Queues an output as if the machine produced it (tests of shapes the script does not make).</summary>
    public void Push(StageOutput output)
    {
        lock (_gate) { Emit(output); }
    }

    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitForDisposalAsync() => _disposed.Task.WaitAsync(TimeSpan.FromMinutes(1));

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _outputs.Writer.TryComplete();
        _disposed.TrySetResult();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Opens <see cref="ScriptedStageConversation"/>s and keeps them for the test to inspect; can fail on purpose.</summary>
internal sealed class ScriptedStageConversationFactory(int frameCount = 250) : IStageConversationFactory
{
    private readonly ConcurrentQueue<ScriptedStageConversation> _opened = new();

    /// <summary>How many of the next opens throw (a stage that cannot start, e.g. a model missing).</summary>
    public int FailNext { get; set; }

    public double AnswerSeconds { get; set; } = 2;

    public int Attempts => _attempts;

    private int _attempts;

    public IReadOnlyList<ScriptedStageConversation> Opened => [.. _opened];

    public ScriptedStageConversation Last => _opened.Last();

    public Task<IStageConversation> OpenHeadlessAsync(string profileId, CancellationToken cancellationToken = default) =>
        OpenAsync(profileId, ListeningMode.PressToTalk, cancellationToken);

    public Task<IStageConversation> OpenAsync(string profileId, ListeningMode mode, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        if (FailNext > 0)
        {
            FailNext--;
            throw new PixelHolo.Core.Errors.ServiceUnavailableException("stage", "The recogniser model is missing. Run `pixelholo models pull stt`.");
        }
        var conversation = new ScriptedStageConversation(profileId, mode, frameCount) { AnswerSeconds = AnswerSeconds };
        _opened.Enqueue(conversation);
        return Task.FromResult<IStageConversation>(conversation);
    }
}
