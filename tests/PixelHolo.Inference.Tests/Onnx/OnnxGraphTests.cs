using System.Buffers.Binary;
using Microsoft.ML.OnnxRuntime;
using PixelHolo.Inference.Onnx;
using static PixelHolo.Inference.Onnx.ProtobufWire;

namespace PixelHolo.Inference.Tests.Onnx;

/// <summary>The model rewrites on tiny hand-built ONNX models (onnx.proto field numbers), run for real in ONNX Runtime.</summary>
public sealed class OnnxGraphTests
{
    private const ulong Float = 1, Int64 = 7, Float16 = 10;

    [Fact]
    public void ToFloat32_Float16WeightsBetweenCasts_SameOutputAndFloat32Weights()
    {
        // y = float(half(x) * w), w stored as float16: 0.5, -2, 3.25, 1024 (all exact in float16).
        float[] weights = [0.5f, -2f, 3.25f, 1024f];
        byte[] halves = new byte[8];
        for (int k = 0; k < 4; k++) { BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(k * 2), (Half)weights[k]); }
        byte[] model = Model(
            [
                Node("Cast", ["x"], ["xh"], IntAttribute("to", Float16)),
                Node("Mul", ["xh", "w"], ["yh"]),
                Node("Cast", ["yh"], ["y"], IntAttribute("to", Float)),
            ],
            [Tensor("w", Float16, [1, 4], halves)],
            [ValueInfo("x", Float, [1, 4])], [ValueInfo("y", Float, [1, 4])],
            [ValueInfo("xh", Float16, [1, 4]), ValueInfo("yh", Float16, [1, 4])]);
        float[] x = [2f, 3f, -4f, 0.25f];

        float[] before = Run(model, x, [1, 4]);
        byte[] rewritten = OnnxGraph.ToFloat32(model);
        float[] after = Run(rewritten, x, [1, 4]);

        Assert.Equal([1f, -6f, -13f, 256f], before);
        Assert.Equal(before, after);
        List<Field> graph = Read(rewritten).Find(f => f.Number == 7).Message;
        List<Field> w = graph.Find(f => f.Number == 5).Message;
        Assert.Equal(Float, w.Find(f => f.Number == 2).Value);                 // data_type float
        Assert.Equal(16, w.Find(f => f.Number == 9).Payload.Length);           // 4 floats of raw data
        Assert.All(graph.Where(f => f.Number == 1).Select(n => n.Message).Where(IsCast),
            cast => Assert.Equal(Float, cast.Find(f => f.Number == 5).Message.Find(a => a.Number == 3).Value));
    }

    [Fact]
    public void FreeSpatialSize_ResizeFrozenToTheExportSize_RunsAtTwiceTheSize()
    {
        // Exported at 4×4: y = Resize(MaxPool2x2(x), sizes = Concat(Shape(p)[0:2], [4, 4])), the way PyTorch freezes
        // F.interpolate(p, size=x.shape[2:]).
        byte[] model = Model(
            [
                Node("MaxPool", ["x"], ["p"], IntsAttribute("kernel_shape", 2, 2), IntsAttribute("strides", 2, 2)),
                Node("Shape", ["p"], ["s"]),
                Node("Slice", ["s", "zero", "two", "zero"], ["nc"]),
                Node("Concat", ["nc", "hw"], ["sizes"], IntAttribute("axis", 0)),
                Node("Resize", ["p", "", "", "sizes"], ["y"], StringAttribute("mode", "nearest")),
            ],
            [Int64Tensor("zero", 0), Int64Tensor("two", 2), Int64Tensor("hw", 4, 4)],
            [ValueInfo("x", Float, [1, 1, 4, 4])], [ValueInfo("y", Float, [1, 1, 4, 4])],
            [ValueInfo("p", Float, [1, 1, 2, 2])]);
        float[] x = [.. Enumerable.Range(0, 64).Select(i => (float)((i * 37) % 64))];

        Assert.Throws<OnnxRuntimeException>(() => Run(model, x, [1, 1, 8, 8]));   // fixed at 4×4
        float[] y = Run(OnnxGraph.FreeSpatialSize(model), x, [1, 1, 8, 8]);

        Assert.Equal(64, y.Length);
        for (int r = 0; r < 8; r++)
        {
            for (int c = 0; c < 8; c++)
            {
                int br = r / 2 * 2, bc = c / 2 * 2;   // the 2×2 block this pixel's pooled value came from
                float max = new[] { x[(br * 8) + bc], x[(br * 8) + bc + 1], x[((br + 1) * 8) + bc], x[((br + 1) * 8) + bc + 1] }.Max();
                Assert.Equal(max, y[(r * 8) + c]);
            }
        }
    }

    [Fact]
    public void FreeSpatialSize_NotAnOnnxModel_SaysTheFileIsDamaged()
    {
        byte[] junk = [0x3a, 0x7f, 0x01];   // field 7, length 127, one byte

        var error = Assert.Throws<InvalidDataException>(() => OnnxGraph.FreeSpatialSize(junk));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadWrite_NestedMessages_RoundTripByteForByte()
    {
        byte[] message = Write([Field.OfVarint(1, 300), Field.OfString(2, "größe"), Field.OfBytes(3, Write([Field.OfVarint(1, ulong.MaxValue)]))]);

        List<Field> fields = Read(message);

        Assert.Equal(300UL, fields[0].Value);
        Assert.Equal("größe", fields[1].Text);
        Assert.Equal(ulong.MaxValue, fields[2].Message[0].Value);
        Assert.Equal(message, Write(fields));
        Assert.Equal(Write([fields[0], fields[2]]), Map(message, f => f.Number == 2 ? null : f));
    }

    private static bool IsCast(List<Field> node) => node.Exists(f => f.Number == 4 && f.Text == "Cast");

    private static float[] Run(byte[] model, float[] input, long[] shape)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var session = new InferenceSession(model, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["x"], [value], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static byte[] Model(Field[] nodes, Field[] initializers, Field[] inputs, Field[] outputs, Field[] valueInfo)
    {
        var graph = new List<Field>();
        graph.AddRange(nodes.Select(n => Field.OfBytes(1, n.Payload)));
        graph.Add(Field.OfString(2, "test"));
        graph.AddRange(initializers.Select(t => Field.OfBytes(5, t.Payload)));
        graph.AddRange(inputs.Select(v => Field.OfBytes(11, v.Payload)));
        graph.AddRange(outputs.Select(v => Field.OfBytes(12, v.Payload)));
        graph.AddRange(valueInfo.Select(v => Field.OfBytes(13, v.Payload)));
        return Write(
        [
            Field.OfVarint(1, 8),                                                       // ir_version
            Field.OfBytes(7, Write(graph)),
            Field.OfBytes(8, Write([Field.OfString(1, ""), Field.OfVarint(2, 13)])),   // opset 13
        ]);
    }

    private static Field Node(string op, string[] inputs, string[] outputs, params Field[] attributes)
    {
        var fields = new List<Field>();
        fields.AddRange(inputs.Select(i => Field.OfString(1, i)));
        fields.AddRange(outputs.Select(o => Field.OfString(2, o)));
        fields.Add(Field.OfString(3, op + "_" + outputs[0]));
        fields.Add(Field.OfString(4, op));
        fields.AddRange(attributes);
        return Field.OfBytes(0, Write(fields));
    }

    private static Field IntAttribute(string name, ulong value) =>
        Field.OfBytes(5, Write([Field.OfString(1, name), Field.OfVarint(3, value), Field.OfVarint(20, 2)]));

    private static Field IntsAttribute(string name, params ulong[] values) =>
        Field.OfBytes(5, Write([Field.OfString(1, name), .. values.Select(v => Field.OfVarint(8, v)), Field.OfVarint(20, 7)]));

    private static Field StringAttribute(string name, string value) =>
        Field.OfBytes(5, Write([Field.OfString(1, name), Field.OfString(4, value), Field.OfVarint(20, 3)]));

    private static Field Tensor(string name, ulong type, long[] dims, byte[] raw) =>
        Field.OfBytes(0, Write([.. dims.Select(d => Field.OfVarint(1, (ulong)d)), Field.OfVarint(2, type), Field.OfString(8, name), Field.OfBytes(9, raw)]));

    private static Field Int64Tensor(string name, params long[] values)
    {
        var raw = new byte[values.Length * 8];
        for (int k = 0; k < values.Length; k++) { BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(k * 8), values[k]); }
        return Tensor(name, Int64, [values.Length], raw);
    }

    private static Field ValueInfo(string name, ulong type, long[] dims)
    {
        byte[] shape = Write([.. dims.Select(d => Field.OfBytes(1, Write([Field.OfVarint(1, (ulong)d)])))]);
        byte[] tensorType = Write([Field.OfVarint(1, type), Field.OfBytes(2, shape)]);
        return Field.OfBytes(0, Write([Field.OfString(1, name), Field.OfBytes(2, Write([Field.OfBytes(1, tensorType)]))]));
    }
}
