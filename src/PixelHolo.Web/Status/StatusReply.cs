using PixelHolo.Core.Search;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Tracking;

namespace PixelHolo.Web.Status;

/// <summary>GET /api/status (a contract, docs/status.md; keys exactly as there).</summary>
/// <param name="State">The stage's latest state ("Idle" before any stage opened).</param>
/// <param name="ProfileId">The profile on an open stage, else the newest ready profile, else null.</param>
/// <param name="LastTurn">Null before the first turn.</param>
internal sealed record StatusReply(
    StageState State, string? ProfileId, StatusEngines Engines, StatusTracking Tracking, IReadOnlyList<StatusModel> Models, StatusTurn? LastTurn);

/// <summary>"engines": the engine in use for each stage of a turn.</summary>
internal sealed record StatusEngines(EngineStatus Stt, EngineStatus Llm, EngineStatus Tts, EngineStatus Renderer);

/// <summary>An engine and why it is not the one wanted (null when it is), with what to do.</summary>
internal sealed record EngineStatus(string Name, string? Fallback);

/// <summary>"tracking": camera ("on (N frames/s)" or "off: reason"), mount ("connected on PORT" or "not connected") and state.</summary>
internal sealed record StatusTracking(string Camera, string Mount, TrackingState State);

/// <summary>A model of models/manifest.json: in the models folder or not, its licence, commercial use (null: not stated).</summary>
internal sealed record StatusModel(string Id, bool Present, string Licence, bool? CommercialUse);

/// <summary>"lastTurn": the newest turn's id and its timings in seconds from the end of the question, every key of
/// <c>StatusEndpoints.TimingKeys</c> present (null when the turn did not reach it).</summary>
internal sealed record StatusTurn(string? TurnId, IReadOnlyDictionary<string, double?> Timings);

/// <summary>GET /api/status/turns: the newest turns (oldest first) for the status page's chart, with the ONNX provider,
/// search and tracking details.</summary>
internal sealed record TurnsReply(string OnnxExecutionProvider, SearchStatusSnapshot Search, TrackingSnapshot Tracking, IReadOnlyList<TurnRow> Turns);

/// <summary>One turn of <see cref="TurnsReply"/>: failed when it ended in an error or a fault (then <paramref name="Error"/>
/// says which), and every timing it stored.</summary>
internal sealed record TurnRow(string? TurnId, DateTimeOffset At, bool Interrupted, bool Failed, string? Error, IReadOnlyDictionary<string, double> Timings);
