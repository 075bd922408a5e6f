using System.Text.Json.Serialization;

namespace PixelHolo.Cli.Commands;

/// <summary>Source-generated JSON for the commands' <c>--json</c> lines (each a contract: these keys, in this order).
/// <c>say</c>, <c>intent</c> and <c>chat</c> write theirs field by field with <c>Utf8JsonWriter</c> (chat through
/// <c>Core/Stage/TurnReportJson</c>, shared with the stage wire).</summary>
[JsonSerializable(typeof(TranscribeResult))]
[JsonSerializable(typeof(EnrollJsonLine))]
[JsonSerializable(typeof(MatteEvalJsonLine))]
[JsonSerializable(typeof(LipSyncEvalJsonLine))]
internal sealed partial class CliJson : JsonSerializerContext;

/// <summary>The last line of <c>pixelholo enroll --json</c>.</summary>
internal sealed record EnrollJsonLine(
    [property: JsonPropertyName("profileId")] string ProfileId,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("videoSeconds")] double VideoSeconds,
    [property: JsonPropertyName("elapsedSeconds")] double ElapsedSeconds,
    [property: JsonPropertyName("stages")] IReadOnlyDictionary<string, double> Stages);

/// <summary>The line of <c>pixelholo matte eval --json</c>.</summary>
internal sealed record MatteEvalJsonLine(
    [property: JsonPropertyName("iou")] double Iou,
    [property: JsonPropertyName("alphaMae")] double AlphaMae,
    [property: JsonPropertyName("nonBlackBackground")] double NonBlackBackground,
    [property: JsonPropertyName("framesPerSecond")] double FramesPerSecond,
    [property: JsonPropertyName("worstIou")] double WorstIou,
    [property: JsonPropertyName("worstFrame")] int WorstFrame,
    [property: JsonPropertyName("cuts")] int Cuts,
    [property: JsonPropertyName("edgeSpill")] double EdgeSpill);

/// <summary>The last line of <c>pixelholo lipsync eval --json</c>: the figures of the engine, loop mode and the real footage,
/// by name (with <c>--drive tts</c> only those that need no ground truth).</summary>
internal sealed record LipSyncEvalJsonLine(
    [property: JsonPropertyName("engine")] IReadOnlyDictionary<string, double> Engine,
    [property: JsonPropertyName("loop")] IReadOnlyDictionary<string, double> Loop,
    [property: JsonPropertyName("truth")] IReadOnlyDictionary<string, double> Truth);
