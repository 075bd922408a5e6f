using System.Buffers;
using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Stage;

namespace PixelHolo.Web.Stage;

/// <summary>The stage protocol's message shapes (docs/stage-protocol.md): page messages to <see cref="StageInput"/>s,
/// <see cref="StageOutput"/>s to text or binary frames. Pure functions, so every shape is tested byte for byte.</summary>
internal static class StageWire
{
    public const int Protocol = 1;
    public const int MicSampleRateHz = 16_000;
    public const int MaxQuestionChars = 2000;
    public const int MaxTurnIdBytes = 255;
    public const byte MicKind = 0x01;
    public const byte AudioKind = 0x01;
    public const byte JpegKind = 0x02;

    /// <summary>A message for the page: UTF-8 JSON (<see cref="IsText"/>) or a binary frame.</summary>
    public readonly record struct Message(ReadOnlyMemory<byte> Bytes, bool IsText);

    // ---- page → server ----

    /// <summary>Reads a JSON control message. Throws <see cref="StageProtocolException"/> saying what is wrong. A JsonDocument
    /// (depth 4), not records: the page's message is untrusted input whose "type" picks the shape, and each missing or
    /// mistyped field gets its own policy-violation message (docs/stage-protocol.md).</summary>
    public static StageInput ParseText(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException ex)
        {
            throw new StageProtocolException(WebSocketCloseStatus.InvalidPayloadData,
                $"A text message must be one JSON object (docs/stage-protocol.md); this one is not JSON: {ex.Message}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Policy($"A text message must be a JSON object with a \"type\"; got a JSON {root.ValueKind.ToString().ToLowerInvariant()}.");
            }
            string type = root.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw Policy("The message has no \"type\" string.");
            return type switch
            {
                "keyDown" => new StageInput.KeyDown(),
                "keyUp" => new StageInput.KeyUp(),
                "ask" => new StageInput.TextQuestion(Question(root)),
                "playbackStarted" => new StageInput.PlaybackStarted(TurnId(root)),
                "playbackPosition" => new StageInput.PlaybackPosition(TurnId(root), Played(root)),
                "playbackEnded" => new StageInput.PlaybackEnded(TurnId(root), Played(root)),
                "mode" => new StageInput.SetListeningMode(ParseMode(String(root, "mode"))
                    ?? throw Policy($"Unknown listening mode '{String(root, "mode")}'. Use pressToTalk, holdToTalk or handsFree.")),
                _ => throw Policy($"Unknown message type '{Clip(type)}'. The page sends keyDown, keyUp, ask, playbackStarted, playbackPosition, playbackEnded or mode."),
            };
        }
    }

    /// <summary>Reads a binary message: kind 1, then int16 LE mono PCM at 16 kHz. <paramref name="start"/> is the offset of
    /// the first sample in the socket's microphone stream.</summary>
    public static StageInput.MicAudio ParseBinary(ReadOnlySpan<byte> bytes, TimeSpan start)
    {
        if (bytes.Length == 0 || bytes[0] != MicKind)
        {
            throw new StageProtocolException(WebSocketCloseStatus.InvalidMessageType,
                $"A binary message from the page must start with 0x01 (microphone PCM); this one starts with {(bytes.Length == 0 ? "nothing" : $"0x{bytes[0]:x2}")}.");
        }
        ReadOnlySpan<byte> pcm = bytes[1..];
        if (pcm.Length < 2 || pcm.Length % 2 != 0)
        {
            throw new StageProtocolException(WebSocketCloseStatus.InvalidMessageType,
                $"Microphone PCM is int16 samples, so an even number of bytes after the kind byte; got {pcm.Length}.");
        }
        float[] samples = new float[pcm.Length / 2];
        for (int i = 0; i < samples.Length; i++) { samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]) / 32768f; }
        return new StageInput.MicAudio(new AudioChunk(samples, MicSampleRateHz, 1, start));
    }

    /// <summary>pressToTalk, holdToTalk, handsFree; case and dashes ignored (press-to-talk). Null when unknown.</summary>
    public static ListeningMode? ParseMode(string? text) =>
        text?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "PRESSTOTALK" => ListeningMode.PressToTalk,
            "HOLDTOTALK" => ListeningMode.HoldToTalk,
            "HANDSFREE" => ListeningMode.HandsFree,
            _ => null,
        };

    public static string ModeName(ListeningMode mode) => JsonNamingPolicy.CamelCase.ConvertName(mode.ToString());

    public static string StateName(StageState state) => TurnReportJson.StateName(state);

    private static string Question(JsonElement root)
    {
        string text = String(root, "text").Trim();
        return text.Length is > 0 and <= MaxQuestionChars ? text : throw Policy($"A question has 1 to {MaxQuestionChars} characters; this one has {text.Length}.");
    }

    private static string TurnId(JsonElement root)
    {
        string id = String(root, "turnId");
        return id.Length is > 0 and <= MaxTurnIdBytes ? id : throw Policy("\"turnId\" must be the turn id the server sent.");
    }

    private static TimeSpan Played(JsonElement root) =>
        root.TryGetProperty("played", out JsonElement p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out double s) && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds / 2
            ? TimeSpan.FromSeconds(s)
            : throw Policy("\"played\" must be the seconds of the answer played so far (a number ≥ 0).");

    private static string String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Policy($"The message needs a \"{name}\" string.");

    private static StageProtocolException Policy(string message) => new(WebSocketCloseStatus.PolicyViolation, message);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // ---- server → page ----

    public static Message Hello(string profileId, ListeningMode mode, StageState state, StageSocketOptions options) => Json(w =>
    {
        w.WriteString("type", "hello");
        w.WriteNumber("protocol", Protocol);
        w.WriteString("profileId", profileId);
        w.WriteString("mode", ModeName(mode));
        w.WriteString("state", StateName(state));
        w.WriteNumber("micSampleRateHz", MicSampleRateHz);
        w.WriteNumber("maxTextBytes", options.MaxTextMessageBytes);
        w.WriteNumber("maxBinaryBytes", options.MaxBinaryMessageBytes);
    });

    public static Message ModeChanged(ListeningMode mode) => Json(w =>
    {
        w.WriteString("type", "mode");
        w.WriteString("mode", ModeName(mode));
    });

    public static Message Error(WebSocketCloseStatus code, string detail) => Json(w =>
    {
        w.WriteString("type", "error");
        w.WriteNumber("code", (int)code);
        w.WriteString("detail", detail);
    });

    public static Message Encode(StageOutput output) => output switch
    {
        StageOutput.StateChanged s => Json(w =>
        {
            w.WriteString("type", "state");
            w.WriteString("state", StateName(s.Event.State));
            w.WriteString("turnId", s.TurnId);
            w.WriteString("detail", s.Event.Detail);
            w.WriteString("atUtc", s.Event.AtUtc);
        }),
        StageOutput.Heard h => Json(w =>
        {
            w.WriteString("type", "heard");
            w.WriteString("turnId", h.TurnId);
            w.WriteString("text", h.Text);
            w.WriteBoolean("final", h.IsFinal);
        }),
        StageOutput.Said s => Json(w =>
        {
            w.WriteString("type", "said");
            w.WriteString("turnId", s.TurnId);
            w.WriteString("text", s.Text);
        }),
        StageOutput.AnswerEnded e => Json(w =>
        {
            w.WriteString("type", "answerEnded");
            w.WriteString("turnId", e.TurnId);
            w.WriteBoolean("interrupted", e.Interrupted);
        }),
        StageOutput.Frame { Value.SourceFrame: { } index } f => Json(w =>
        {
            w.WriteString("type", "frame");
            w.WriteString("turnId", f.TurnId);
            w.WriteNumber("ts", Math.Round(f.Value.Timestamp.TotalSeconds, 6));
            w.WriteNumber("index", index);
        }),
        StageOutput.Frame { Value.Jpeg: { } jpeg } f => Binary(JpegKind, f.TurnId, 8 + jpeg.Length, span =>
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span, f.Value.Timestamp.TotalSeconds);
            jpeg.Span.CopyTo(span[8..]);
        }),
        StageOutput.Frame f => throw new InvalidOperationException($"Turn {f.TurnId}: a frame at {f.Value.Timestamp} has neither a source frame nor a JPEG."),
        StageOutput.Audio a => EncodeAudio(a),
        StageOutput.TurnCompleted t => EncodeReport(t.Report),
        _ => throw new InvalidOperationException($"The stage protocol has no message for {output.GetType().Name}."),
    };

    /// <summary>The CLI's <c>--json</c> line shape (issue 9), for the debug view and tests.</summary>
    private static Message EncodeReport(TurnReport report) => Json(w =>
    {
        w.WriteString("type", "turnCompleted");
        TurnReportJson.WriteFields(w, report, TurnReportShape.StageWire);
    });

    private static Message EncodeAudio(StageOutput.Audio audio)
    {
        AudioChunk chunk = audio.Chunk;
        int channels = Math.Max(1, chunk.Channels);
        int frames = chunk.Samples.Length / channels;
        return Binary(AudioKind, audio.TurnId, 12 + (frames * 2), span =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)chunk.SampleRateHz);
            BinaryPrimitives.WriteDoubleLittleEndian(span[4..], chunk.Start.TotalSeconds);
            ReadOnlySpan<float> samples = chunk.Samples.Span;
            Span<byte> pcm = span[12..];
            for (int i = 0; i < frames; i++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++) { sum += samples[(i * channels) + c]; }
                float mono = Math.Clamp(sum / channels, -1f, 1f);
                BinaryPrimitives.WriteInt16LittleEndian(pcm[(i * 2)..], (short)MathF.Round(mono * 32767f));
            }
        });
    }

    private static Message Binary(byte kind, string turnId, int bodyLength, SpanAction write)
    {
        int idLength = Encoding.UTF8.GetByteCount(turnId);
        if (idLength is 0 or > MaxTurnIdBytes)
        {
            throw new InvalidOperationException($"Turn id '{turnId}' is {idLength} bytes; the stage protocol carries 1 to {MaxTurnIdBytes}.");
        }
        byte[] bytes = new byte[2 + idLength + bodyLength];
        bytes[0] = kind;
        bytes[1] = (byte)idLength;
        Encoding.UTF8.GetBytes(turnId, bytes.AsSpan(2));
        write(bytes.AsSpan(2 + idLength));
        return new Message(bytes, IsText: false);
    }

    private delegate void SpanAction(Span<byte> span);

    private static Message Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return new Message(buffer.WrittenMemory, IsText: true);
    }
}
