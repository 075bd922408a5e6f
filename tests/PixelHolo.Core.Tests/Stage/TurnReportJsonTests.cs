using System.Text;
using System.Text.Json;
using PixelHolo.Core.Stage;

namespace PixelHolo.Core.Tests.Stage;

/// <summary>The two published shapes of a turn report, to the byte: `pixelholo chat --json` (issue 9) and the stage
/// wire's turnCompleted fields (docs/stage-protocol.md), written by the one writer.</summary>
public sealed class TurnReportJsonTests
{
    private static readonly TurnReport Report = new(
        "t-1", "Who are you?", "I am Ada.", false, "LLM slow",
        new TurnEngines("pocketsphinx", "ollama:phi4-mini", "espeak-ng", "loop"),
        [StageState.Transcribing, StageState.SearchFailed, StageState.Thinking, StageState.Speaking, StageState.Idle],
        new TurnTimes(1.23449, null, 1.5, 1.7004, 1.8, 2.0, 6.0, 6.4),
        31.51234);

    // Expected JSON is written with ' for " so it reads plainly; the writer's output is compared the same way.
    [Fact]
    public void WriteFields_ChatLine_IsTheIssue9ShapeExactly()
    {
        Assert.Equal(
            "{'turnId':'t-1','transcript':'Who are you?','answer':'I am Ada.','interrupted':false," +
            "'engines':{'stt':'pocketsphinx','llm':'ollama:phi4-mini','tts':'espeak-ng','renderer':'loop'}," +
            "'states':['Transcribing','SearchFailed','Thinking','Speaking','Idle']," +
            "'timings':{'transcript':1.234,'search':null,'firstToken':1.5,'firstAudio':1.7,'llm':6,'total':6.4},'audioSeconds':31.51234}",
            Write(TurnReportShape.ChatLine).Replace('"', '\''));
    }

    [Fact]
    public void WriteFields_StageWire_AddsErrorAndPlaybackTimingsAndCamelCaseStates()
    {
        Assert.Equal(
            "{'turnId':'t-1','transcript':'Who are you?','answer':'I am Ada.','interrupted':false,'error':'LLM slow'," +
            "'engines':{'stt':'pocketsphinx','llm':'ollama:phi4-mini','tts':'espeak-ng','renderer':'loop'}," +
            "'states':['transcribing','searchFailed','thinking','speaking','idle']," +
            "'timings':{'transcript':1.234,'search':null,'firstToken':1.5,'firstAudio':1.7,'firstFrame':1.8,'firstPlayed':2,'llm':6,'total':6.4}," +
            "'audioSeconds':31.512}",
            Write(TurnReportShape.StageWire).Replace('"', '\''));
    }

    private static string Write(TurnReportShape shape)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            TurnReportJson.WriteFields(writer, Report, shape);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
