using System.Text.Json.Serialization;

namespace PixelHolo.Cli.Commands;

/// <summary>The JSON line of <c>pixelholo transcribe --json</c> (a contract: these keys, in this order).</summary>
internal sealed record TranscribeResult(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("engine")] string Engine,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("words")] IReadOnlyList<TranscribedWord> Words);

/// <summary>One word with its start and end in seconds from the start of the file.</summary>
internal sealed record TranscribedWord(
    [property: JsonPropertyName("word")] string Word,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End);
