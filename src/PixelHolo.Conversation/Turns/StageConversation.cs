using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PixelHolo.Conversation.Search;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Search;
using PixelHolo.Core.Speech;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Storage;

namespace PixelHolo.Conversation.Turns;

/// <summary>The one turn state machine of an open stage, and the only owner of its <see cref="StageState"/>. Page (or CLI)
/// events are queued and handled one at a time by a single loop, which decides every state change; each turn's pipeline
/// (STT → intent/search → LLM stream → chunker → TTS → renderer) runs beside it under the turn's own cancellation, so
/// barge-in cuts the model, synthesis and rendering at once. Outputs are written under one gate, in order, and nothing of a
/// cut turn reaches the page after its cut.</summary>
internal sealed partial class StageConversation : IStageConversation
{
    private const string NotHeard = "I did not catch that. Please try again.";
    private static readonly TimeSpan PreRollLength = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SpeechLeadIn = TimeSpan.FromSeconds(0.3);
    private static readonly TimeSpan EndOfTurnContext = TimeSpan.FromSeconds(8);

    private readonly StageEngines _e;
    private readonly AvatarProfile _profile;
    private readonly VoiceReference? _voice;
    private readonly IAvatarRenderSession _render;
    private readonly string _conversationId;
    private readonly bool _headless;
    private readonly Channel<Signal> _signals;
    private readonly Channel<StageOutput> _outputs;
    private readonly Channel<AudioChunk> _mic;
    private readonly CancellationTokenSource _life = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<ChatMessage> _history = [];
    private readonly Queue<AudioChunk> _preRoll = new();
    private readonly VoiceTracker _voiceTracker;
    private readonly Task _loop;
    private readonly Task _voiceLoop;
    private ListeningMode _mode;
    private volatile StageState _state = StageState.Idle;
    private Turn? _turn;
    private TimeSpan _micClock;
    /// <summary>Where on the mic clock the question being listened to starts.</summary>
    private TimeSpan _listeningFrom;
    private string? _previousQuery;
    private int _checkedPause = -1;
    private int _unfinishedPause = -1;
    private bool _disposed;

    public StageConversation(
        StageEngines engines, AvatarProfile profile, VoiceReference? voice, IAvatarRenderSession render, string conversationId,
        ListeningMode mode, bool headless)
    {
        _e = engines;
        _profile = profile;
        _voice = voice;
        _render = render;
        _conversationId = conversationId;
        _mode = mode;
        _headless = headless;
        _voiceTracker = new VoiceTracker(engines.Options.SpeechThreshold, engines.Options.BargeInLevelDb);
        // Page events: waiting is right (mic PCM must not be lost); the loop reads them quickly.
        _signals = Channel.CreateBounded<Signal>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        // Outputs: a slow page slows the pipeline (back pressure) instead of piling up audio and frames.
        _outputs = Channel.CreateBounded<StageOutput>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        // Mic audio to the voice activity detector: it scores 32 ms in well under 1 ms; if it ever lags, old audio is worthless.
        _mic = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
        _loop = Task.Run(RunLoopAsync);
        _voiceLoop = Task.Run(RunVoiceActivityAsync);
    }

    public string ProfileId => _profile.Id;

    public StageState State => _state;

    public async IAsyncEnumerable<StageOutput> ReadOutputsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (StageOutput output in _outputs.Reader.ReadAllAsync(cancellationToken)) { yield return output; }
    }

    public async ValueTask SendAsync(StageInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _signals.Writer.WriteAsync(new FromPage(input), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) { return; }
        _disposed = true;
        _turn?.Cancel();
        await _life.CancelAsync();
        _signals.Writer.TryComplete();
        _mic.Writer.TryComplete();
        await Task.WhenAll(_loop, _voiceLoop).ContinueWith(_ => { }, TaskScheduler.Default); // their faults were logged
        if (_turn is { } turn) { await turn.Pipeline.ContinueWith(_ => { }, TaskScheduler.Default); turn.Dispose(); }
        _outputs.Writer.TryComplete();
        await _render.DisposeAsync();
        _life.Dispose();
        _writeGate.Dispose();
    }

    // ---- The loop: every event, one at a time -------------------------------------------------------------------------

    private async Task RunLoopAsync()
    {
        CancellationToken stop = _life.Token;
        try
        {
            await foreach (Signal signal in _signals.Reader.ReadAllAsync(stop))
            {
                try
                {
                    await HandleAsync(signal, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { throw; }
                catch (InvalidOperationException ex) when (ex.Message.StartsWith("Illegal stage transition", StringComparison.Ordinal))
                {
                    LogIllegal(_e.Logger, _turn?.Id, ex);
                    throw; // a bug: fail loudly (tests catch it through the completed outputs)
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { LogClosed(_e.Logger, _profile.Id); }
        catch (Exception ex)
        {
            LogLoopFailed(_e.Logger, _profile.Id, ex);
            _outputs.Writer.TryComplete(ex);
        }
    }

    private Task HandleAsync(Signal signal, CancellationToken stop) => signal switch
    {
        FromPage { Input: var input } => HandlePageAsync(input, stop),
        VoiceScored { Score: var score } => HandleVoiceAsync(score, stop),
        EndOfTurnVerdict verdict => HandleVerdictAsync(verdict, stop),
        AnswerProduced { Turn: var turn } => HandleProducedAsync(turn, stop),
        TurnFailed failed => HandleFailedAsync(failed, stop),
        PlaybackOverdue { Turn: var turn } => turn == _turn && !turn.Concluded ? ConcludeAsync(turn, stop) : Task.CompletedTask,
        _ => throw new InvalidOperationException($"Unknown signal {signal.GetType().Name}."),
    };

    private async Task HandlePageAsync(StageInput input, CancellationToken stop)
    {
        switch (input)
        {
            case StageInput.KeyDown:
                if (_mode == ListeningMode.HandsFree)
                {
                    if (IsBusy) { await CutAsync(StageState.Interrupted, null, stop); }
                    break;
                }
                if (_state == StageState.Listening) { break; } // key repeat, or press-to-talk's second press (silence ends it)
                await StartListeningAsync(stop);
                break;
            case StageInput.KeyUp:
                if (_mode == ListeningMode.HoldToTalk && _state == StageState.Listening && _turn is { } held)
                {
                    await EndQuestionAsync(held, TimeSpan.Zero, stop);
                }
                break;
            case StageInput.MicAudio { Audio: var audio }:
                OnMicAudio(audio);
                break;
            case StageInput.TextQuestion { Text: var text }:
                string question = text.Trim();
                if (question.Length == 0) { break; }
                var typed = new Turn(NewTurnId(), _e.Time, _life.Token) { Text = question };
                typed.MarkEndOfQuestion(TimeSpan.Zero); // timings count from the moment it was submitted
                await StartTurnAsync(typed, null, stop);
                break;
            case StageInput.AudioQuestion { Audio: var recorded }:
                AudioFormatException.ThrowIfNot(recorded, sampleRateHz: 16_000, channels: 1);
                var asked = new Turn(NewTurnId(), _e.Time, _life.Token);
                await StartTurnAsync(asked, StageState.Transcribing, stop);
                asked.AddQuestionAudio(recorded with { Start = TimeSpan.Zero });
                asked.MarkEndOfQuestion(TimeSpan.Zero);
                break;
            case StageInput.PlaybackStarted { TurnId: var id }:
                if (_turn is { } started && started.Id == id && started.FirstPlayed is null) { started.FirstPlayed = started.Since(); }
                break;
            case StageInput.PlaybackPosition { TurnId: var id, Played: var played }:
                if (_turn is { } playing && playing.Id == id && !playing.Concluded && played > playing.Played) { playing.Played = played; }
                break;
            case StageInput.PlaybackEnded { TurnId: var id, Played: var played }:
                if (_turn is { } ended && ended.Id == id && !ended.Concluded)
                {
                    if (played > ended.Played) { ended.Played = played; }
                    if (ended.ProductionDone) { ended.PlaybackEnded = true; await ConcludeAsync(ended, stop); }
                }
                break;
            case StageInput.SetListeningMode { Mode: var mode }:
                LogMode(_e.Logger, _profile.Id, _mode, mode);
                _mode = mode;
                break;
            default:
                throw new ArgumentException($"Unknown stage input {input.GetType().Name}.", nameof(input));
        }
    }

    private bool IsBusy => _turn is { Concluded: false } && StageTransitions.IsBusy(_state);

    private void OnMicAudio(AudioChunk audio)
    {
        if (audio.SampleRateHz != 16_000 || audio.Channels != 1) { LogBadMic(_e.Logger, audio.SampleRateHz, audio.Channels); return; }
        // Our own clock for the mic: the page's offsets may restart with each reconnection.
        AudioChunk stamped = audio with { Start = _micClock };
        _micClock += audio.Duration;
        if (_state == StageState.Listening && _turn is { } listening) { listening.AddQuestionAudio(stamped); }
        else
        {
            _preRoll.Enqueue(stamped);
            while (_preRoll.Count > 0 && _micClock - _preRoll.Peek().Start > PreRollLength) { _preRoll.Dequeue(); }
        }
        _mic.Writer.TryWrite(stamped);
    }

    private async Task HandleVoiceAsync(VoiceActivityScore score, CancellationToken stop)
    {
        _voiceTracker.Add(score);
        TurnOptions o = _e.Options;
        if (_state == StageState.Listening && _turn is { } turn)
        {
            if (_mode == ListeningMode.HoldToTalk)
            {
                if (turn.QuestionLength >= o.MaxQuestion) { await EndQuestionAsync(turn, TimeSpan.Zero, stop); }
                return;
            }
            if (_voiceTracker.Speech == TimeSpan.Zero)
            {
                // Measured in scored audio, not audio received: the page may send faster than the detector keeps up.
                if (score.End - _listeningFrom >= o.NoSpeechTimeout) { await GiveUpListeningAsync(turn, stop); }
                return;
            }
            TimeSpan silence = _voiceTracker.Silence;
            if (turn.QuestionLength >= o.MaxQuestion) { await EndQuestionAsync(turn, silence, stop); return; }
            if (silence == TimeSpan.Zero) { return; }
            bool model = _e.EndOfTurn is { IsAvailable: true };
            TimeSpan needed = !model ? o.EndOfTurnSilence : _unfinishedPause == _voiceTracker.Pause ? o.UnfinishedTurnSilence : o.EndOfTurnSilence;
            if (silence >= needed) { await EndQuestionAsync(turn, silence, stop); return; }
            if (model && silence >= o.EndOfTurnCheckSilence && _checkedPause != _voiceTracker.Pause)
            {
                _checkedPause = _voiceTracker.Pause;
                _ = AskEndOfTurnAsync(turn, _voiceTracker.Pause, stop);
            }
            return;
        }
        if (_mode != ListeningMode.HandsFree) { return; }
        if (_turn is { Concluded: false } && StageTransitions.IsBusy(_state))
        {
            // Barge-in by voice only when it is louder than the avatar's own voice can be after echo cancellation.
            if (_voiceTracker.LoudRun >= o.BargeInMinSpeech)
            {
                await CutAsync(StageState.Interrupted, null, stop);
                await StartListeningAsync(stop, score.End - _voiceTracker.LoudRun - SpeechLeadIn);
            }
            return;
        }
        if (_voiceTracker.SpeechRun >= o.MinSpeech) { await StartListeningAsync(stop, score.End - _voiceTracker.SpeechRun - SpeechLeadIn); }
    }

    private async Task AskEndOfTurnAsync(Turn turn, int pause, CancellationToken stop)
    {
        EndOfTurnDecision? decision = null;
        try
        {
            decision = await _e.EndOfTurn!.PredictAsync(turn.QuestionTail(EndOfTurnContext), turn.Token);
        }
        catch (OperationCanceledException) { return; }
        catch (Exception ex)
        {
            // The model is an optimisation: when it fails, the silence length alone decides (logged, not fatal).
            LogEndOfTurnFailed(_e.Logger, turn.Id, ex);
        }
        await _signals.Writer.WriteAsync(new EndOfTurnVerdict(turn, pause, decision), stop);
    }

    private async Task HandleVerdictAsync(EndOfTurnVerdict verdict, CancellationToken stop)
    {
        if (verdict.Turn != _turn || _state != StageState.Listening || verdict.Pause != _voiceTracker.Pause || _voiceTracker.Silence == TimeSpan.Zero) { return; }
        LogEndOfTurn(_e.Logger, verdict.Turn.Id, verdict.Decision?.IsComplete, verdict.Decision?.Probability ?? double.NaN);
        if (verdict.Decision is { IsComplete: true }) { await EndQuestionAsync(verdict.Turn, _voiceTracker.Silence, stop); }
        else if (verdict.Decision is not null) { _unfinishedPause = verdict.Pause; }
    }

    // ---- Starting and ending questions ---------------------------------------------------------------------------------

    /// <param name="from">Hands-free and barge-in: where on the mic clock the speech that started listening began; that
    /// speech (already received, held in the pre-roll) is part of the question. Null: the question starts now (a key).</param>
    private async Task StartListeningAsync(CancellationToken stop, TimeSpan? from = null)
    {
        var turn = new Turn(NewTurnId(), _e.Time, _life.Token);
        await StartTurnAsync(turn, StageState.Listening, stop);
        _voiceTracker.Reset();
        _listeningFrom = from ?? _micClock;
        foreach (AudioChunk chunk in _preRoll)
        {
            if (from is { } start && chunk.Start + chunk.Duration > start) { turn.AddQuestionAudio(chunk); }
        }
        _preRoll.Clear();
    }

    /// <summary>Cuts a turn in flight (if any), then starts <paramref name="turn"/> at <paramref name="first"/> (null: the
    /// pipeline moves it to Searching or Thinking itself, a typed question).</summary>
    private async Task StartTurnAsync(Turn turn, StageState? first, CancellationToken stop)
    {
        if (IsBusy) { await CutAsync(StageState.Interrupted, null, stop); }
        Turn? previous = _turn;
        _turn = turn;
        previous?.Dispose();
        if (first is { } state) { await TransitionAsync(turn, state, null, stop); }
        Task previousPipeline = previous?.Pipeline ?? Task.CompletedTask;
        turn.Pipeline = Task.Run(() => RunTurnAsync(turn, previousPipeline), CancellationToken.None);
    }

    private async Task EndQuestionAsync(Turn turn, TimeSpan silence, CancellationToken stop)
    {
        turn.MarkEndOfQuestion(silence);
        await TransitionAsync(turn, StageState.Transcribing, null, stop);
    }

    private async Task GiveUpListeningAsync(Turn turn, CancellationToken stop)
    {
        turn.Cancel();
        await TransitionAsync(turn, StageState.Idle, null, stop);
        turn.Concluded = true;
    }

    // ---- Endings: produced, failed, cut, concluded --------------------------------------------------------------------

    private async Task HandleProducedAsync(Turn turn, CancellationToken stop)
    {
        if (turn != _turn || turn.Concluded || turn.Cut) { return; }
        turn.ProductionDone = true;
        if (_headless || turn.PlaybackEnded) { turn.Played = turn.Produced; await ConcludeAsync(turn, stop); return; }
        // A page that never reports must not leave the stage speaking for ever.
        TimeSpan wait = (turn.Produced - turn.Played).Duration() + _e.Options.PlaybackGrace;
        _ = Task.Delay(wait, _e.Time, turn.Token).ContinueWith(
            t => { if (!t.IsCanceled) { _signals.Writer.TryWrite(new PlaybackOverdue(turn)); } }, TaskScheduler.Default);
    }

    private async Task HandleFailedAsync(TurnFailed failed, CancellationToken stop)
    {
        Turn turn = failed.Turn;
        if (turn != _turn || turn.Concluded || turn.Cut) { return; }
        if (failed.Exception is null or PixelHoloException or TimeoutException)
        {
            // A known fault (a server down, a model missing, a timeout) is one line with its fix; the trace at debug level.
            LogTurnFailed(_e.Logger, turn.Id, failed.Reason);
            if (failed.Exception is not null) { LogTurnFailedTrace(_e.Logger, turn.Id, failed.Exception); }
        }
        else
        {
            LogTurnFailedUnexpectedly(_e.Logger, turn.Id, failed.Reason, failed.Exception);
        }
        turn.Error = failed.Reason;
        await CutAsync(StageState.Error, failed.Reason, stop);
    }

    /// <summary>Barge-in or a fault: cancel the turn's work at once, tell the page to drop what is queued, keep what was heard.</summary>
    private async Task CutAsync(StageState state, string? detail, CancellationToken stop)
    {
        if (_turn is not { Concluded: false } turn) { return; }
        bool answerStarted = turn.States.Contains(StageState.Thinking);
        await _writeGate.WaitAsync(stop);
        try
        {
            turn.Cut = true;
            turn.Cancel(); // the model's stream, synthesis and rendering all stop here
            if (state == StageState.Interrupted) { LogBargeIn(_e.Logger, turn.Id, _state, turn.Played.TotalSeconds); }
            await TransitionLockedAsync(turn, state, detail, stop);
            if (answerStarted) { await _outputs.Writer.WriteAsync(new StageOutput.AnswerEnded(turn.Id, Interrupted: true), stop); }
        }
        finally
        {
            _writeGate.Release();
        }
        turn.QuestionAudio.Writer.TryComplete();
        if (_headless) { turn.Played = turn.Produced; }
        await ConcludeAsync(turn, stop);
    }

    /// <summary>The turn is over: history gets only the words heard, the store gets the turn with its timings, the page and
    /// the metrics get the report, and a finished answer returns the stage to Idle.</summary>
    private async Task ConcludeAsync(Turn turn, CancellationToken stop)
    {
        if (turn.Concluded) { return; }
        turn.Concluded = true;
        turn.Total ??= turn.Since();
        bool interrupted = turn.Cut && turn.States.Contains(StageState.Thinking);
        string heard = interrupted ? turn.Heard(turn.Played) : turn.Error is null ? turn.Spoken() : "";
        if (turn.Transcript.Length > 0 && heard.Length > 0)
        {
            _history.Add(new ChatMessage(ChatRole.User, turn.Transcript));
            // The model must know it was cut off mid-answer, not that it chose to stop there.
            _history.Add(new ChatMessage(ChatRole.Assistant, interrupted ? heard + " …" : heard));
            // Only the newest Conversation:HistoryMessages are ever sent, so only they are kept: a kiosk's stage stays open for
            // days, and a history that grew with every turn was memory held for nothing (found by the soak, issue 15).
            int keep = _e.Conversation.HistoryMessages;
            if (_history.Count > keep) { _history.RemoveRange(0, _history.Count - keep); }
        }
        if (!turn.Cut) { await TransitionAsync(turn, StageState.Idle, null, stop); }
        var report = new TurnReport(turn.Id, turn.Transcript, heard, interrupted, turn.Error,
            new TurnEngines(_e.Recognizer.Name, _e.Llm.Name, turn.TtsEngine ?? _e.Synthesizer.Name, _render.Engine ?? _e.Renderer.Name),
            [.. turn.States], turn.Timings(), Math.Round(turn.Produced.TotalSeconds, 3));
        if (turn.Transcript.Length > 0)
        {
            bool answered = heard.Length > 0 || turn.Error is null;
            var record = new TurnRecord(turn.Transcript, answered ? heard : null, answered ? null : turn.Error,
                report.Timings.Reached(), _e.Time.GetUtcNow(), turn.Id, interrupted, answered ? turn.Error : null);
            try
            {
                await _e.Store.AddTurnAsync(_conversationId, record, stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage trouble must not silence the avatar; the turn is still in the history and the report.
                LogStoreFailed(_e.Logger, turn.Id, ex);
            }
        }
        _e.Metrics.Record(report);
        LogTurnDone(_e.Logger, turn.Id, turn.Error is not null ? "error" : interrupted ? "interrupted" : "completed",
            report.Timings.FirstAudio ?? double.NaN, report.Timings.Total ?? double.NaN);
        await WriteAsync(null, new StageOutput.TurnCompleted(report), stop);
    }

    // ---- The turn's pipeline --------------------------------------------------------------------------------------------

    private async Task RunTurnAsync(Turn turn, Task previousPipeline)
    {
        CancellationToken ct = turn.Token;
        try
        {
            // The render session serves one answer at a time: let a cut answer finish unwinding first.
            await previousPipeline.ContinueWith(_ => { }, TaskScheduler.Default);
            string question = turn.Text ?? await TranscribeAsync(turn, ct);
            turn.Transcript = question;
            if (question.Length == 0)
            {
                await _signals.Writer.WriteAsync(new TurnFailed(turn, NotHeard, null), _life.Token);
                return;
            }
            SearchOutcome? search = await SearchAsync(turn, question, ct);
            await TransitionAsync(turn, StageState.Thinking, null, ct);
            await _e.Llm.EnsureReadyAsync(ct);
            await AnswerAsync(turn, BuildMessages(question, search), ct);
            turn.Total = turn.Since();
            await WriteAsync(turn, new StageOutput.AnswerEnded(turn.Id, Interrupted: false), ct);
            await _signals.Writer.WriteAsync(new AnswerProduced(turn), _life.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cut by barge-in or the stage closing: the loop has already done what a cut does.
        }
        catch (Exception ex)
        {
            // The top of a turn's work: every failure becomes the Error state with a short reason; the stage lives on.
            string reason = Describe(ex);
            _signals.Writer.TryWrite(new TurnFailed(turn, reason, ex));
        }
    }

    private async Task<string> TranscribeAsync(Turn turn, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        TimeSpan timeout = _e.Options.TranscriptTimeout;
        // The limit counts from the end of the question: a long question is not the recogniser's delay.
        _ = turn.QuestionEnded.Task.ContinueWith(_ =>
        {
            try { limit.CancelAfter(timeout); } catch (ObjectDisposedException) { /* the transcript came first */ }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        string final = "";
        try
        {
            await foreach (TranscriptUpdate update in _e.Recognizer.RecognizeAsync(turn.QuestionAudio.Reader.ReadAllAsync(limit.Token), limit.Token))
            {
                if (update.IsFinal) { final = update.Text.Trim(); break; }
                await WriteAsync(turn, new StageOutput.Heard(turn.Id, update.Text, IsFinal: false), ct);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The speech recogniser '{_e.Recognizer.Name}' gave no transcript within {_e.Options.TranscriptTimeout.TotalSeconds:0} s " +
                "of the end of the question (Turn:TranscriptTimeout).");
        }
        await turn.QuestionEnded.Task.WaitAsync(ct);
        turn.Transcribed = turn.Since();
        if (final.Length > 0) { await WriteAsync(turn, new StageOutput.Heard(turn.Id, final, IsFinal: true), ct); }
        return final;
    }

    private async Task<SearchOutcome?> SearchAsync(Turn turn, string question, CancellationToken ct)
    {
        if (!_e.Search.Classify(question).NeedsSearch) { return null; }
        await TransitionAsync(turn, StageState.Searching, null, ct);
        SearchOutcome outcome;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(_e.Options.SearchTimeout);
            try
            {
                outcome = await _e.Search.SearchAsync(question, _previousQuery, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                outcome = new SearchFailed(question, SearchFailureReason.Timeout, $"no answer within {_e.Options.SearchTimeout.TotalSeconds:0} s (Turn:SearchTimeout)");
            }
        }
        turn.Searched = turn.Since();
        _previousQuery = outcome.Query;
        if (outcome is SearchFailed) { await TransitionAsync(turn, StageState.SearchFailed, ISearchStage.FailedDetail, ct); }
        return outcome;
    }

    private List<ChatMessage> BuildMessages(string question, SearchOutcome? search)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, _e.Composer.BuildSystemPrompt(_e.Prompts.Build(_profile))) };
        int keep = _e.Conversation.HistoryMessages;
        messages.AddRange(_history.Skip(Math.Max(0, _history.Count - keep)));
        // Web results (untrusted, delimited) or the statement that the search failed go before the question; the history
        // keeps only the question itself.
        messages.Add(new ChatMessage(ChatRole.User, _e.Composer.BuildUserMessage(question, search)));
        return messages;
    }

    /// <summary>LLM → chunker → TTS → renderer, three concurrent stages joined by bounded channels. The first stage to fail
    /// cancels the others; its error is the turn's.</summary>
    private async Task AnswerAsync(Turn turn, List<ChatMessage> messages, CancellationToken ct)
    {
        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Text pieces wait for the synthesiser; a few sentences ahead is plenty.
        var text = Channel.CreateBounded<string>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        // Audio waits for the renderer; a renderer that holds audio without a frame has fallen behind (Turn:RenderTimeout).
        var speech = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        Exception? first = null;
        async Task Stage(Func<CancellationToken, Task> work, ChannelWriter<string>? textOut, ChannelWriter<AudioChunk>? speechOut)
        {
            Exception? error = null;
            try { await work(pipeline.Token); }
            catch (Exception ex) when (ex is not OperationCanceledException || !pipeline.IsCancellationRequested)
            {
                error = ex;
                Interlocked.CompareExchange(ref first, ex, null);
                await pipeline.CancelAsync();
            }
            catch (OperationCanceledException) { /* another stage failed or the turn was cut */ }
            finally
            {
                textOut?.TryComplete(error);
                speechOut?.TryComplete(error);
            }
        }
        await Task.WhenAll(
            Task.Run(() => Stage(t => ThinkAsync(turn, messages, text.Writer, t), text.Writer, null), CancellationToken.None),
            Task.Run(() => Stage(t => SpeakAsync(turn, text.Reader, speech.Writer, t), null, speech.Writer), CancellationToken.None),
            Task.Run(() => Stage(t => RenderAsync(turn, speech.Reader, t), null, null), CancellationToken.None));
        ct.ThrowIfCancellationRequested();
        if (first is not null) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw(); }
    }

    private async Task ThinkAsync(Turn turn, List<ChatMessage> messages, ChannelWriter<string> text, CancellationToken ct)
    {
        TurnOptions o = _e.Options;
        Llm.LlmOptions llm = _e.LlmOptions;
        var options = new ChatOptions { Temperature = llm.Temperature, MaxOutputTokens = llm.MaxOutputTokens, ModelId = llm.Model };
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long started = _e.Time.GetTimestamp();
        TimeSpan Left(TimeSpan limit) => Min(limit, llm.Timeout - _e.Time.GetElapsedTime(started));
        watchdog.CancelAfter(Left(o.FirstTokenTimeout));
        var chunker = new Chunking.SentenceChunker();
        int pieces = 0;
        string stalled = $"did not answer within {o.FirstTokenTimeout.TotalSeconds:0} s (Turn:FirstTokenTimeout)";
        // The model's stream closes the moment the watchdog or barge-in fires, even while a read waits for a hung model.
        using var closing = Llm.CancellationClosesResponseHandler.CloseOnCancel(watchdog.Token);
        try
        {
            await foreach (ChatResponseUpdate update in _e.Chat.GetStreamingResponseAsync(messages, options, watchdog.Token))
            {
                // OllamaSharp's last update carries the finish reason with empty text: it is not a token.
                if (string.IsNullOrEmpty(update.Text)) { continue; }
                turn.FirstToken ??= turn.Since();
                turn.AnswerTokens.Append(update.Text);
                watchdog.CancelAfter(Timeout.InfiniteTimeSpan); // waiting for the synthesiser is not the model's fault
                foreach (string piece in chunker.Append(update.Text)) { await text.WriteAsync(piece, ct); pieces++; }
                stalled = $"stopped for {o.TokenStallTimeout.TotalSeconds:0} s in the middle of its answer (Turn:TokenStallTimeout)";
                watchdog.CancelAfter(Left(o.TokenStallTimeout));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Stalled();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PixelHoloException && watchdog.IsCancellationRequested)
        {
            // Cancelling closes the model's connection (the client's read takes no token), so the read fails instead.
            ct.ThrowIfCancellationRequested();
            throw Stalled();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PixelHoloException)
        {
            // The server died mid-stream, refused the model, or the connection broke: the provider says what to do.
            throw new ServiceUnavailableException("llm", _e.Llm.DescribeFailure(ex), ex);
        }
        if (watchdog.IsCancellationRequested)
        {
            // A client may end its stream quietly when cancelled between two lines: that is not the end of the answer.
            ct.ThrowIfCancellationRequested();
            throw Stalled();
        }
        foreach (string piece in chunker.Flush()) { await text.WriteAsync(piece, ct); pieces++; }
        turn.LlmDone = turn.Since();
        if (pieces == 0)
        {
            throw new ServiceUnavailableException("llm", $"The language model {_e.Llm.Name} returned an empty answer. Check that the model works on its own.");
        }

        TimeoutException Stalled()
        {
            if (_e.Time.GetElapsedTime(started) >= llm.Timeout) { stalled = $"did not finish its answer within {llm.Timeout.TotalSeconds:0} s (Llm:Timeout)"; }
            return new TimeoutException($"The language model {_e.Llm.Name} {stalled}.");
        }
    }

    private async Task SpeakAsync(Turn turn, ChannelReader<string> text, ChannelWriter<AudioChunk> speech, CancellationToken ct)
    {
        TurnOptions o = _e.Options;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int pulled = 0, finished = 0;
        async IAsyncEnumerable<string> Pieces()
        {
            await foreach (string piece in text.ReadAllAsync(ct))
            {
                pulled++;
                watchdog.CancelAfter(o.SynthesisTimeout);
                yield return piece;
            }
        }
        int said = -1;
        try
        {
            await foreach (SpeechAudioChunk chunk in _e.Synthesizer.SynthesizeAsync(Pieces(), _voice, watchdog.Token))
            {
                AudioChunk audio = chunk.Audio with { Start = turn.Produced };
                TimeSpan end = turn.Produced + audio.Duration;
                turn.AddSpan(chunk.TextIndex, chunk.Text, turn.Produced, end);
                turn.Produced = end;
                if (turn.FirstAudio is null)
                {
                    turn.FirstAudio = turn.Since();
                    turn.TtsEngine = chunk.Engine;
                    await TransitionAsync(turn, StageState.Speaking, chunk.Warning, ct);
                }
                if (chunk.TextIndex != said) { said = chunk.TextIndex; await WriteAsync(turn, new StageOutput.Said(turn.Id, chunk.Text), ct); }
                await WriteAsync(turn, new StageOutput.Audio(turn.Id, audio), ct);
                if (chunk.IsLastOfText) { finished++; }
                watchdog.CancelAfter(finished >= pulled ? Timeout.InfiniteTimeSpan : o.SynthesisTimeout);
                // A full channel means the renderer holds audio it does not answer: RenderAsync's watchdog ends the turn.
                await speech.WriteAsync(audio, ct);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The speech synthesiser '{_e.Synthesizer.Name}' took longer than {o.SynthesisTimeout.TotalSeconds:0} s for one sentence (Turn:SynthesisTimeout).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not TimeoutException and not PixelHoloException)
        {
            throw new ServiceUnavailableException("tts", $"The speech synthesiser '{_e.Synthesizer.Name}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Audio in, frames out to the page. The renderer has fallen behind (Turn:RenderTimeout) when it holds audio for
    /// that long without giving a frame or asking for more: the watchdog is armed whenever it takes audio or gives a frame,
    /// and disarmed while it waits for the synthesiser or a frame waits for the page (neither is the renderer's fault). It
    /// cancels the renderer, whose answer ends with the Error state; the session stays usable for the next answer.</summary>
    private async Task RenderAsync(Turn turn, ChannelReader<AudioChunk> speech, CancellationToken ct)
    {
        TimeSpan limit = _e.Options.RenderTimeout;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Arm(TimeSpan after)
        {
            try { watchdog.CancelAfter(after); }
            catch (ObjectDisposedException) { /* a renderer still pulling after its answer ended */ }
        }
        async IAsyncEnumerable<AudioChunk> Fed()
        {
            while (true)
            {
                Arm(Timeout.InfiniteTimeSpan);
                if (!await speech.WaitToReadAsync(ct)) { break; }
                while (speech.TryRead(out AudioChunk? chunk)) { Arm(limit); yield return chunk; }
            }
            Arm(limit); // the last frames, then the end of the stream
        }
        string renderer = _render.Engine ?? _e.Renderer.Name;
        try
        {
            await foreach (AvatarFrame frame in _render.RenderAsync(Fed(), watchdog.Token))
            {
                turn.FirstFrame ??= turn.Since();
                Arm(Timeout.InfiniteTimeSpan);
                await WriteAsync(turn, new StageOutput.Frame(turn.Id, frame), ct);
                Arm(limit);
            }
        }
        catch (Exception ex) when (ex is not PixelHoloException && watchdog.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Cancelled by the watchdog (a renderer may also fail instead of stopping quietly when cancelled).
            throw FellBehind(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PixelHoloException)
        {
            throw new ServiceUnavailableException("renderer", $"The renderer '{renderer}' failed: {ex.Message}", ex);
        }
        // A renderer that ends its frames quietly when cancelled has not finished the answer.
        if (watchdog.IsCancellationRequested && !ct.IsCancellationRequested) { throw FellBehind(null); }

        TimeoutException FellBehind(Exception? inner) => new(
            $"The renderer '{renderer}' fell behind: it held audio for {limit.TotalSeconds:0} s without a frame (Turn:RenderTimeout).", inner);
    }

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutException or PixelHoloException => ex.Message,
        _ => $"The answer could not be made: {ex.Message}",
    };

    // ---- State changes and outputs -------------------------------------------------------------------------------------

    private async Task TransitionAsync(Turn turn, StageState to, string? detail, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            if (turn != _turn || turn.Cut) { return; } // a cut turn changes nothing any more
            await TransitionLockedAsync(turn, to, detail, ct);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task TransitionLockedAsync(Turn turn, StageState to, string? detail, CancellationToken ct)
    {
        StageState from = _state;
        StageTransitions.Check(from, to, turn.Id);
        _state = to;
        turn.States.Add(to);
        LogTransition(_e.Logger, turn.Id, from, to);
        var stageEvent = new StageEvent(to, detail, _e.Time.GetUtcNow());
        foreach (IStageObserver observer in _e.Observers) { observer.OnStageChanged(stageEvent); }
        await _outputs.Writer.WriteAsync(new StageOutput.StateChanged(stageEvent, turn.Id), ct);
    }

    /// <summary>Writes one output in order with the state changes; drops it when its turn has been cut.</summary>
    private async Task WriteAsync(Turn? turn, StageOutput output, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            if (turn is not null && (turn.Cut || turn != _turn)) { return; }
            await _outputs.Writer.WriteAsync(output, ct);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // ---- Voice activity ------------------------------------------------------------------------------------------------

    private async Task RunVoiceActivityAsync()
    {
        if (_e.VoiceActivity is not { } vad)
        {
            // Without a detector only hold-to-talk and typed questions work; say so once.
            LogNoVoiceActivity(_e.Logger, _profile.Id);
            await foreach (AudioChunk _ in _mic.Reader.ReadAllAsync(CancellationToken.None)) { }
            return;
        }
        try
        {
            await foreach (VoiceActivityScore score in vad.ScoreAsync(_mic.Reader.ReadAllAsync(_life.Token), _life.Token))
            {
                await _signals.Writer.WriteAsync(new VoiceScored(score), _life.Token);
            }
        }
        catch (OperationCanceledException) when (_life.IsCancellationRequested) { }
        catch (ChannelClosedException) { }
        catch (Exception ex)
        {
            // Listening by voice stops; hold-to-talk and typed questions still work. The log says why.
            LogVoiceActivityFailed(_e.Logger, _profile.Id, ex);
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------------------------------

    private static string NewTurnId() => Guid.NewGuid().ToString("N")[..12];

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? (a < TimeSpan.Zero ? TimeSpan.Zero : a) : (b < TimeSpan.Zero ? TimeSpan.Zero : b);

    private abstract record Signal;
    private sealed record FromPage(StageInput Input) : Signal;
    private sealed record VoiceScored(VoiceActivityScore Score) : Signal;
    private sealed record EndOfTurnVerdict(Turn Turn, int Pause, EndOfTurnDecision? Decision) : Signal;
    private sealed record AnswerProduced(Turn Turn) : Signal;
    private sealed record TurnFailed(Turn Turn, string Reason, Exception? Exception) : Signal;
    private sealed record PlaybackOverdue(Turn Turn) : Signal;

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {TurnId}: {From} → {To}")]
    private static partial void LogTransition(ILogger logger, string turnId, StageState from, StageState to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {TurnId}: barge-in during {State} after {PlayedSeconds:F2} s played")]
    private static partial void LogBargeIn(ILogger logger, string turnId, StageState state, double playedSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {TurnId} {Outcome}: first audio {FirstAudioSeconds:F2} s, total {TotalSeconds:F2} s")]
    private static partial void LogTurnDone(ILogger logger, string turnId, string outcome, double firstAudioSeconds, double totalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId} failed: {Reason}")]
    private static partial void LogTurnFailed(ILogger logger, string turnId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn {TurnId} failed (trace)")]
    private static partial void LogTurnFailedTrace(ILogger logger, string turnId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TurnId} failed: {Reason}")]
    private static partial void LogTurnFailedUnexpectedly(ILogger logger, string turnId, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TurnId}: illegal stage transition")]
    private static partial void LogIllegal(ILogger logger, string? turnId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage {ProfileId}: the turn loop failed")]
    private static partial void LogLoopFailed(ILogger logger, string profileId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stage {ProfileId} closed")]
    private static partial void LogClosed(ILogger logger, string profileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage {ProfileId}: listening mode {From} → {To}")]
    private static partial void LogMode(ILogger logger, string profileId, ListeningMode from, ListeningMode to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microphone audio ignored: {SampleRateHz} Hz, {Channels} channels (the stage sends 16 kHz mono)")]
    private static partial void LogBadMic(ILogger logger, int sampleRateHz, int channels);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn {TurnId}: end-of-turn model says complete={Complete} (p={Probability:F2})")]
    private static partial void LogEndOfTurn(ILogger logger, string turnId, bool? complete, double probability);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId}: the end-of-turn model failed; the silence length decides")]
    private static partial void LogEndOfTurnFailed(ILogger logger, string turnId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stage {ProfileId}: no voice activity detector, so press-to-talk silence and hands-free listening are off (run `pixelholo models pull silero-vad`)")]
    private static partial void LogNoVoiceActivity(ILogger logger, string profileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stage {ProfileId}: voice activity detection failed; press-to-talk silence and hands-free listening are off")]
    private static partial void LogVoiceActivityFailed(ILogger logger, string profileId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TurnId} could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, string turnId, Exception exception);
}
