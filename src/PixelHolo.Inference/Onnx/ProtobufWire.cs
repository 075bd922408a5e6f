namespace PixelHolo.Inference.Onnx;

/// <summary>The protocol-buffer wire format, just enough to read and rewrite an ONNX model (a tree of length-delimited messages)
/// without the generated ONNX classes: a message is a list of fields; a rewrite maps fields and writes the list back.</summary>
internal static class ProtobufWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>One field of a message: its number, wire type, and either the varint value or the payload bytes.</summary>
    internal readonly record struct Field(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Payload)
    {
        public static Field OfVarint(int number, ulong value) => new(number, Varint, value, default);

        public static Field OfBytes(int number, ReadOnlyMemory<byte> payload) => new(number, LengthDelimited, 0, payload);

        public static Field OfString(int number, string text) => OfBytes(number, System.Text.Encoding.UTF8.GetBytes(text));

        public string Text => System.Text.Encoding.UTF8.GetString(Payload.Span);

        public List<Field> Message => Read(Payload);
    }

    /// <summary>The fields of a message, in order; payloads are slices of <paramref name="message"/>, not copies.</summary>
    public static List<Field> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        ReadOnlySpan<byte> span = message.Span;
        int position = 0;
        while (position < span.Length)
        {
            ulong key = ReadVarint(span, ref position);
            int number = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case Varint:
                    fields.Add(new Field(number, wire, ReadVarint(span, ref position), default));
                    break;
                case Fixed64:
                    fields.Add(new Field(number, wire, 0, message.Slice(Take(span, ref position, 8), 8)));
                    break;
                case Fixed32:
                    fields.Add(new Field(number, wire, 0, message.Slice(Take(span, ref position, 4), 4)));
                    break;
                case LengthDelimited:
                    int length = checked((int)ReadVarint(span, ref position));
                    fields.Add(new Field(number, wire, 0, message.Slice(Take(span, ref position, length), length)));
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protocol-buffer wire type {wire} (field {number}) at byte {position}: not an ONNX model, or a damaged one.");
            }
        }
        return fields;
    }

    /// <summary>Writes fields back into one message.</summary>
    public static byte[] Write(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var stream = new MemoryStream();
        foreach (Field field in fields)
        {
            WriteVarint(stream, ((ulong)field.Number << 3) | (uint)field.WireType);
            if (field.WireType == Varint) { WriteVarint(stream, field.Value); continue; }
            if (field.WireType == LengthDelimited) { WriteVarint(stream, (ulong)field.Payload.Length); }
            stream.Write(field.Payload.Span);
        }
        return stream.ToArray();
    }

    /// <summary>Rewrites a message field by field: <paramref name="map"/> returns the field to keep (changed or not) or null to drop it.</summary>
    public static byte[] Map(ReadOnlyMemory<byte> message, Func<Field, Field?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var kept = new List<Field>();
        foreach (Field field in Read(message))
        {
            if (map(field) is { } result) { kept.Add(result); }
        }
        return Write(kept);
    }

    /// <summary>The same field with its sub-message rewritten by <paramref name="map"/>.</summary>
    public static Field MapMessage(Field field, Func<Field, Field?> map) => field with { Payload = Map(field.Payload, map) };

    private static int Take(ReadOnlySpan<byte> span, ref int position, int length)
    {
        if (length < 0 || position + length > span.Length)
        {
            throw new InvalidDataException($"A protocol-buffer field of {length} bytes at byte {position} runs past the end of its message ({span.Length} bytes): the model file is cut short or damaged.");
        }
        int start = position;
        position += length;
        return start;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length) { throw new InvalidDataException("A protocol-buffer varint runs past the end of its message: the model file is cut short or damaged."); }
            byte b = span[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) { return result; }
        }
        throw new InvalidDataException("A protocol-buffer varint is longer than 10 bytes: the model file is damaged.");
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
