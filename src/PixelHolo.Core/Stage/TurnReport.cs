namespace PixelHolo.Core.Stage;

/// <summary>What one turn came to, sent as <see cref="StageOutput.TurnCompleted"/> when it is over (the CLI prints it,
/// the page's debug view may show it) and stored with the turn.</summary>
/// <param name="TurnId">The turn.</param>
/// <param name="Transcript">What the visitor said (or typed).</param>
/// <param name="Answer">The words of the answer that were heard: all of it, or the played prefix when cut.</param>
/// <param name="Interrupted">True when barge-in or a fault cut the answer.</param>
/// <param name="Error">The short reason when the turn failed; null otherwise.</param>
/// <param name="Engines">Which engines did the work.</param>
/// <param name="States">The states the turn went through, in order.</param>
/// <param name="Timings">Seconds from the end of the question.</param>
/// <param name="AudioSeconds">Length of the answer's audio produced.</param>
public sealed record TurnReport(
    string TurnId,
    string Transcript,
    string Answer,
    bool Interrupted,
    string? Error,
    TurnEngines Engines,
    IReadOnlyList<StageState> States,
    TurnTimes Timings,
    double AudioSeconds);

/// <summary>The engines of a turn, by name ("pocketsphinx", "ollama:phi4-mini", "espeak-ng", "loop").</summary>
public sealed record TurnEngines(string Stt, string Llm, string Tts, string Renderer);

/// <summary>Seconds from the end of the question (end of speech, the key's release, or the moment a typed question was
/// submitted) to each milestone of a turn; null when the milestone was not reached (no search ran, the page reported no
/// playback, the turn failed first).</summary>
/// <param name="Transcript">The final transcript.</param>
/// <param name="Search">The search finished.</param>
/// <param name="FirstToken">The language model's first token.</param>
/// <param name="FirstAudio">The first synthesised audio chunk was ready.</param>
/// <param name="FirstFrame">The first rendered frame was ready.</param>
/// <param name="FirstPlayed">The page started playing (its report).</param>
/// <param name="Llm">The language model finished.</param>
/// <param name="Total">The answer's last audio and frame were produced (or the turn ended early).</param>
public sealed record TurnTimes(
    double? Transcript, double? Search, double? FirstToken, double? FirstAudio, double? FirstFrame, double? FirstPlayed, double? Llm, double? Total)
{
    /// <summary>The timings that were reached, keyed by their JSON names ("firstToken"), for storage and metrics.</summary>
    public IReadOnlyDictionary<string, double> Reached()
    {
        var reached = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, double? value) { if (value is double v) { reached[name] = v; } }
        Add("transcript", Transcript);
        Add("search", Search);
        Add("firstToken", FirstToken);
        Add("firstAudio", FirstAudio);
        Add("firstFrame", FirstFrame);
        Add("firstPlayed", FirstPlayed);
        Add("llm", Llm);
        Add("total", Total);
        return reached;
    }
}
