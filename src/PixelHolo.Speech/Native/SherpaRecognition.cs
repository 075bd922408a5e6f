using System.Text.Json;
using System.Text.Json.Serialization;

namespace PixelHolo.Speech.Native;

/// <summary>A sherpa-onnx recognition result, read from its JSON form (<c>SherpaOnnxGet…StreamResultAsJson</c>):
/// text, tokens and, for models that give them, token start times and durations in seconds.</summary>
internal sealed record SherpaRecognition(string Text, IReadOnlyList<string> Tokens, IReadOnlyList<float> Timestamps, IReadOnlyList<float> Durations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SherpaRecognition Parse(string json)
    {
        Payload payload = JsonSerializer.Deserialize<Payload>(json, Json) ?? new Payload(null, null, null, null);
        return new SherpaRecognition((payload.Text ?? "").Trim(), payload.Tokens ?? [], payload.Timestamps ?? [], payload.Durations ?? []);
    }

    /// <summary>Words with times: a token that starts with a space (or SentencePiece's '▁') starts a word. A word ends where
    /// its last token ends (start + duration where durations are given, else where the next token starts). Empty when the
    /// model gave no times.</summary>
    public IReadOnlyList<WordTiming> Words(TimeSpan offset, TimeSpan audioDuration)
    {
        if (Timestamps.Count == 0 || Timestamps.Count != Tokens.Count) { return []; }
        var words = new List<WordTiming>();
        var current = new System.Text.StringBuilder();
        float start = 0;
        int last = -1;
        for (int i = 0; i < Tokens.Count; i++)
        {
            string token = Tokens[i].Replace('▁', ' ');
            if (token.StartsWith(' ') && current.Length > 0)
            {
                words.Add(Word(current.ToString(), start, TokenEnd(last, i)));
                current.Clear();
            }
            if (current.Length == 0) { start = Timestamps[i]; }
            current.Append(token.Trim());
            last = i;
        }
        if (current.Length > 0) { words.Add(Word(current.ToString(), start, TokenEnd(last, -1))); }
        return words;

        float TokenEnd(int token, int next) =>
            Durations.Count == Tokens.Count && Durations[token] > 0 ? Timestamps[token] + Durations[token]
            : next >= 0 ? Timestamps[next]
            : (float)Math.Max(Timestamps[token], audioDuration.TotalSeconds);

        WordTiming Word(string text, float from, float to) =>
            new(text, offset + TimeSpan.FromSeconds(from), offset + TimeSpan.FromSeconds(Math.Max(from, to)));
    }

    private sealed record Payload(
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("tokens")] List<string>? Tokens,
        [property: JsonPropertyName("timestamps")] List<float>? Timestamps,
        [property: JsonPropertyName("durations")] List<float>? Durations);
}
