namespace PixelHolo.Core.Conversation;

/// <summary>Seconds spent in each stage of one turn, keyed by stage name ("stt", "search", "llm-first-token", "llm", "tts", "render").</summary>
public sealed class TurnTimings
{
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Record(string stage, TimeSpan elapsed) => _seconds[stage] = Math.Round(elapsed.TotalSeconds, 3);
}
