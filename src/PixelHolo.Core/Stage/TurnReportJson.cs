using System.Text.Json;

namespace PixelHolo.Core.Stage;

/// <summary>Which of the two published shapes of a <see cref="TurnReport"/> to write.</summary>
public enum TurnReportShape
{
    /// <summary><c>pixelholo chat --json</c> (issue 9): no <c>error</c> key (it goes to stderr), states as
    /// <c>"Transcribing"</c>, the six server-side timings, <c>audioSeconds</c> as measured.</summary>
    ChatLine,

    /// <summary>The stage wire's <c>turnCompleted</c> (docs/stage-protocol.md): <c>error</c>, states as
    /// <c>"transcribing"</c>, all eight timings (page playback too), <c>audioSeconds</c> to the millisecond.</summary>
    StageWire,
}

/// <summary>The one writer of a turn report as JSON, so the chat line and the stage message cannot drift apart in
/// the keys they share.</summary>
public static class TurnReportJson
{
    /// <summary>Writes the report's keys, in contract order, into the object <paramref name="w"/> has open.</summary>
    public static void WriteFields(Utf8JsonWriter w, TurnReport report, TurnReportShape shape)
    {
        bool wire = shape == TurnReportShape.StageWire;
        w.WriteString("turnId", report.TurnId);
        w.WriteString("transcript", report.Transcript);
        w.WriteString("answer", report.Answer);
        w.WriteBoolean("interrupted", report.Interrupted);
        if (wire) { w.WriteString("error", report.Error); }
        w.WriteStartObject("engines");
        w.WriteString("stt", report.Engines.Stt);
        w.WriteString("llm", report.Engines.Llm);
        w.WriteString("tts", report.Engines.Tts);
        w.WriteString("renderer", report.Engines.Renderer);
        w.WriteEndObject();
        w.WriteStartArray("states");
        foreach (StageState state in report.States) { w.WriteStringValue(wire ? StateName(state) : state.ToString()); }
        w.WriteEndArray();
        w.WriteStartObject("timings");
        TurnTimes t = report.Timings;
        WriteSeconds(w, "transcript", t.Transcript);
        WriteSeconds(w, "search", t.Search);
        WriteSeconds(w, "firstToken", t.FirstToken);
        WriteSeconds(w, "firstAudio", t.FirstAudio);
        if (wire)
        {
            WriteSeconds(w, "firstFrame", t.FirstFrame);
            WriteSeconds(w, "firstPlayed", t.FirstPlayed);
        }
        WriteSeconds(w, "llm", t.Llm);
        WriteSeconds(w, "total", t.Total);
        w.WriteEndObject();
        w.WriteNumber("audioSeconds", wire ? Math.Round(report.AudioSeconds, 3) : report.AudioSeconds);
    }

    /// <summary>A state's name on the stage wire ("searchFailed").</summary>
    public static string StateName(StageState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private static void WriteSeconds(Utf8JsonWriter w, string name, double? seconds)
    {
        if (seconds is double s) { w.WriteNumber(name, Math.Round(s, 3)); } else { w.WriteNull(name); }
    }
}
