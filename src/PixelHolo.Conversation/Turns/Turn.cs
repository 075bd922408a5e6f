using System.Text;
using System.Threading.Channels;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Stage;

namespace PixelHolo.Conversation.Turns;

/// <summary>One turn in flight: its cancellation (barge-in cuts LLM, synthesis and rendering at once), the question's audio,
/// the answer's text pieces with their audio spans (so the played time maps back to words), and its milestones.</summary>
internal sealed class Turn : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<Span> _spans = [];
    private readonly Lock _gate = new();
    private readonly List<float> _questionSamples = [];

    public Turn(string id, TimeProvider time, CancellationToken stageLifetime)
    {
        Id = id;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stageLifetime);
        Time = time;
        // Mic chunks of one question (20 s of 20 ms chunks fit); the recogniser reads them as they come.
        QuestionAudio = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(2048)
            { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = true });
    }

    public string Id { get; }

    public TimeProvider Time { get; }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Set (under the stage's write gate) when barge-in or a fault cut the turn: nothing more of it reaches the page.</summary>
    public bool Cut { get; set; }

    /// <summary>The turn has been concluded (history and store written); later reports for it are ignored.</summary>
    public bool Concluded { get; set; }

    public string? Text { get; init; }

    public Channel<AudioChunk> QuestionAudio { get; }

    public TaskCompletionSource QuestionEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Pipeline { get; set; } = Task.CompletedTask;

    public string Transcript { get; set; } = "";

    public StringBuilder AnswerTokens { get; } = new();

    public List<StageState> States { get; } = [];

    public string? Error { get; set; }

    public string? TtsEngine { get; set; }

    /// <summary>Audio produced so far (the answer's clock).</summary>
    public TimeSpan Produced { get; set; }

    /// <summary>What the page reported played; with no page, whatever was produced.</summary>
    public TimeSpan Played { get; set; }

    public bool ProductionDone { get; set; }

    public bool PlaybackEnded { get; set; }

    /// <summary>The end of the question (timing origin), as a <see cref="TimeProvider"/> timestamp.</summary>
    public long? EndOfQuestion { get; private set; }

    public double? Transcribed { get; set; }
    public double? Searched { get; set; }
    public double? FirstToken { get; set; }
    public double? FirstAudio { get; set; }
    public double? FirstFrame { get; set; }
    public double? FirstPlayed { get; set; }
    public double? LlmDone { get; set; }
    public double? Total { get; set; }

    /// <summary>The question ended <paramref name="ago"/> before now (the silence that ended it, say).</summary>
    public void MarkEndOfQuestion(TimeSpan ago)
    {
        if (EndOfQuestion is not null) { return; }
        EndOfQuestion = Time.GetTimestamp() - (long)(ago.TotalSeconds * Time.TimestampFrequency);
        QuestionAudio.Writer.TryComplete();
        QuestionEnded.TrySetResult();
    }

    /// <summary>Seconds since the end of the question (0 before it ended).</summary>
    public double Since() => EndOfQuestion is long at ? Math.Round(Time.GetElapsedTime(at).TotalSeconds, 3) : 0;

    public void AddQuestionAudio(AudioChunk chunk)
    {
        lock (_gate) { _questionSamples.AddRange(chunk.Samples.Span); }
        QuestionAudio.Writer.TryWrite(chunk);
    }

    /// <summary>The last <paramref name="max"/> of the question (for the end-of-turn model).</summary>
    public float[] QuestionTail(TimeSpan max)
    {
        lock (_gate)
        {
            int keep = Math.Min(_questionSamples.Count, (int)(max.TotalSeconds * 16_000));
            return _questionSamples.GetRange(_questionSamples.Count - keep, keep).ToArray();
        }
    }

    public TimeSpan QuestionLength { get { lock (_gate) { return TimeSpan.FromSeconds(_questionSamples.Count / 16_000.0); } } }

    /// <summary>Records that audio [start, end) speaks text piece <paramref name="index"/>.</summary>
    public void AddSpan(int index, string text, TimeSpan start, TimeSpan end)
    {
        lock (_gate)
        {
            int at = _spans.FindIndex(s => s.Index == index);
            if (at < 0) { _spans.Add(new Span(index, text, start, end)); }
            else { _spans[at] = _spans[at] with { End = end }; }
        }
    }

    /// <summary>The words heard when <paramref name="played"/> of the answer's audio has been played: whole pieces whose audio
    /// was played, and of the piece in progress the share of its words that its played share of audio covers.</summary>
    public string Heard(TimeSpan played)
    {
        lock (_gate)
        {
            var words = new List<string>();
            foreach (Span span in _spans.OrderBy(s => s.Index))
            {
                string[] pieceWords = span.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (played >= span.End - TimeSpan.FromMilliseconds(1)) { words.AddRange(pieceWords); continue; }
                if (played > span.Start && span.End > span.Start)
                {
                    double share = (played - span.Start) / (span.End - span.Start);
                    words.AddRange(pieceWords.Take((int)Math.Floor(pieceWords.Length * share)));
                }
                break;
            }
            return string.Join(' ', words);
        }
    }

    /// <summary>The whole answer as spoken pieces (what would be heard if all were played).</summary>
    public string Spoken()
    {
        lock (_gate) { return string.Join(' ', _spans.OrderBy(s => s.Index).Select(s => s.Text)); }
    }

    public TurnTimes Timings() => new(Transcribed, Searched, FirstToken, FirstAudio, FirstFrame, FirstPlayed, LlmDone, Total);

    public void Cancel()
    {
        try { _cancel.Cancel(); }
        catch (ObjectDisposedException) { /* the turn is long over */ }
    }

    public void Dispose() => _cancel.Dispose();

    private sealed record Span(int Index, string Text, TimeSpan Start, TimeSpan End);
}
