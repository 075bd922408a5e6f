using System.Net.WebSockets;
using System.Text;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Stage;
using PixelHolo.Web.Stage;

namespace PixelHolo.Web.Tests.Stage;

/// <summary>Message shapes byte for byte (docs/stage-protocol.md).</summary>
public sealed class StageWireTests
{
    [Fact]
    public void Encode_StereoAudioChunk_MonoInt16AfterTheDocumentedHeader()
    {
        float[] stereo = [1f, 1f, -1f, 0f, 0.5f, -0.5f];
        var output = new StageOutput.Audio("ab", new AudioChunk(stereo, 24_000, 2, TimeSpan.FromSeconds(0.5)));

        StageWire.Message message = StageWire.Encode(output);

        Assert.False(message.IsText);
        byte[] expected =
        [
            0x01, 2, (byte)'a', (byte)'b',
            0xC0, 0x5D, 0x00, 0x00,                         // 24000
            0, 0, 0, 0, 0, 0, 0xE0, 0x3F,                   // 0.5 as float64
            0xFF, 0x7F, 0x00, 0xC0, 0x00, 0x00,             // 32767, -16384 (rounded -0.5), 0
        ];
        Assert.Equal(expected, message.Bytes.ToArray());
    }

    [Fact]
    public void Encode_StateChange_CamelCaseStateAndTurn()
    {
        var output = new StageOutput.StateChanged(new StageEvent(StageState.SearchFailed, "no network", DateTimeOffset.UnixEpoch), "t1");

        string json = Encoding.UTF8.GetString(StageWire.Encode(output).Bytes.Span);

        Assert.Equal("{\"type\":\"state\",\"state\":\"searchFailed\",\"turnId\":\"t1\",\"detail\":\"no network\",\"atUtc\":\"1970-01-01T00:00:00+00:00\"}", json);
    }

    [Fact]
    public void Encode_TurnCompleted_StatesAndReachedTimingsOnly()
    {
        var report = new TurnReport("t1", "hello", "Hi there.", false, null, new TurnEngines("pocketsphinx", "ollama:phi4-mini", "espeak-ng", "loop"),
            [StageState.Thinking, StageState.Speaking, StageState.Idle], new TurnTimes(null, null, 0.4, 0.61, 0.7, null, 1.2, 1.5), 1.25);

        string json = Encoding.UTF8.GetString(StageWire.Encode(new StageOutput.TurnCompleted(report)).Bytes.Span);

        Assert.Equal("{\"type\":\"turn\",\"turnId\":\"t1\",\"interrupted\":false,\"states\":[\"thinking\",\"speaking\",\"idle\"]," +
            "\"timings\":{\"firstToken\":0.4,\"firstAudio\":0.61,\"firstFrame\":0.7,\"llm\":1.2,\"total\":1.5},\"audioSeconds\":1.25}", json);
    }

    [Fact]
    public void Encode_FrameWithNeitherIndexNorJpeg_RefusedAsABug()
    {
        var output = new StageOutput.Frame("t1", new PixelHolo.Core.Rendering.AvatarFrame(TimeSpan.Zero, null, null));

        Assert.Throws<InvalidOperationException>(() => StageWire.Encode(output));
    }

    [Theory]
    [InlineData("pressToTalk", ListeningMode.PressToTalk)]
    [InlineData("hold-to-talk", ListeningMode.HoldToTalk)]
    [InlineData("HANDS_FREE", ListeningMode.HandsFree)]
    [InlineData("handsfree", ListeningMode.HandsFree)]
    public void ParseMode_Spellings(string text, ListeningMode mode) => Assert.Equal(mode, StageWire.ParseMode(text));

    [Fact]
    public void ParseText_ExtraFieldsIgnored_QuestionTrimmed()
    {
        StageInput input = StageWire.ParseText("{\"type\":\"ask\",\"text\":\"  hi there \",\"client\":\"kiosk\"}"u8);

        Assert.Equal(new StageInput.TextQuestion("hi there"), input);
    }

    [Fact]
    public void ParseText_DeeplyNested_1007NotAStackOverflow()
    {
        string nested = "{\"type\":\"ask\",\"text\":" + new string('[', 500) + new string(']', 500) + "}";

        var ex = Assert.Throws<StageProtocolException>(() => StageWire.ParseText(Encoding.UTF8.GetBytes(nested)));

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, ex.Status);
    }

    [Fact]
    public void Reason_LongNonAsciiDetail_FirstSentenceWithin123Bytes()
    {
        string reason = StageSocket.Reason(new string('é', 200) + ". Second sentence.");

        Assert.InRange(Encoding.UTF8.GetByteCount(reason), 1, 123);
        Assert.DoesNotContain("Second", reason, StringComparison.Ordinal);
    }
}
