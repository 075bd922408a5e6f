using System.Text;

namespace PixelHolo.Media.LipSync;

/// <summary>What enrollment learns for lip-sync, stored as lipsync/model.bin (the index: per-frame mouth track, appearance
/// coefficients and opening; the model: voice statistics, the ridge mapping audio features → coefficients) beside
/// lipsync/mouths.bin (each frame's composite mouth region as a JPEG, so rendering never decodes a whole source frame for
/// its mouth).</summary>
internal sealed class LipSyncModel
{
    public const string FolderName = "lipsync";
    public const string ModelFile = "model.bin";
    public const string MouthsFile = "mouths.bin";
    private const int Version = 1;
    private static readonly byte[] Magic = "PHLS"u8.ToArray();

    public required double FramesPerSecond { get; init; }

    public required MouthGeometry Geometry { get; init; }

    public required float[] MouthX { get; init; }

    public required float[] MouthY { get; init; }

    /// <summary>Scaled appearance coefficients per frame (the search's space).</summary>
    public required float[][] Coefficients { get; init; }

    public required float[] Opening { get; init; }

    public required bool[] HasSuccessor { get; init; }

    /// <summary>Opening at or below which the mouth counts as closed.</summary>
    public required float ClosedOpening { get; init; }

    /// <summary>Mean coefficients of the frames in silence (the closed, resting mouth).</summary>
    public required float[] RestCoefficients { get; init; }

    public required VoiceStatistics Voice { get; init; }

    /// <summary>Ridge weights, (features + 1) × coefficients.</summary>
    public required float[][] Ridge { get; init; }

    /// <summary>Byte offset and length of each frame's mouth JPEG in mouths.bin.</summary>
    public required long[] MouthOffsets { get; init; }

    public required int[] MouthLengths { get; init; }

    public int FrameCount => MouthX.Length;

    public int Dimensions => Coefficients[0].Length;

    public static bool ExistsIn(string profileFolder) => File.Exists(Path.Combine(profileFolder, FolderName, ModelFile)) && File.Exists(Path.Combine(profileFolder, FolderName, MouthsFile));

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Magic);
        w.Write(Version);
        w.Write(FramesPerSecond);
        w.Write(Geometry.FaceWidth);
        w.Write(FrameCount);
        w.Write(Dimensions);
        w.Write(ClosedOpening);
        for (int i = 0; i < FrameCount; i++)
        {
            w.Write(MouthX[i]);
            w.Write(MouthY[i]);
            w.Write(Opening[i]);
            w.Write(HasSuccessor[i]);
            w.Write(MouthOffsets[i]);
            w.Write(MouthLengths[i]);
            foreach (float c in Coefficients[i]) { w.Write(c); }
        }
        WriteArray(w, RestCoefficients);
        WriteArray(w, Voice.Mean);
        WriteArray(w, Voice.Std);
        w.Write(Ridge.Length);
        foreach (float[] row in Ridge) { WriteArray(w, row); }
        stream.Flush(flushToDisk: true);
    }

    public static LipSyncModel Read(string profileFolder)
    {
        string path = Path.Combine(profileFolder, FolderName, ModelFile);
        using var stream = File.OpenRead(path);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version)
        {
            throw new InvalidDataException($"{path} is not a lip-sync model of this version; run the enrollment again (or delete {FolderName}/ to use loop mode).");
        }
        double fps = r.ReadDouble();
        float faceWidth = r.ReadSingle();
        int n = r.ReadInt32();
        int k = r.ReadInt32();
        float closed = r.ReadSingle();
        float[] x = new float[n];
        float[] y = new float[n];
        float[] opening = new float[n];
        bool[] successor = new bool[n];
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        float[][] coefficients = new float[n][];
        for (int i = 0; i < n; i++)
        {
            x[i] = r.ReadSingle();
            y[i] = r.ReadSingle();
            opening[i] = r.ReadSingle();
            successor[i] = r.ReadBoolean();
            offsets[i] = r.ReadInt64();
            lengths[i] = r.ReadInt32();
            coefficients[i] = new float[k];
            for (int c = 0; c < k; c++) { coefficients[i][c] = r.ReadSingle(); }
        }
        float[] rest = ReadArray(r);
        var voice = new VoiceStatistics(ReadArray(r), ReadArray(r));
        float[][] ridge = new float[r.ReadInt32()][];
        for (int i = 0; i < ridge.Length; i++) { ridge[i] = ReadArray(r); }
        return new LipSyncModel
        {
            FramesPerSecond = fps, Geometry = new MouthGeometry(faceWidth), MouthX = x, MouthY = y, Coefficients = coefficients, Opening = opening,
            HasSuccessor = successor, ClosedOpening = closed, RestCoefficients = rest, Voice = voice, Ridge = ridge, MouthOffsets = offsets, MouthLengths = lengths,
        };
    }

    private static void WriteArray(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (float v in values) { w.Write(v); }
    }

    private static float[] ReadArray(BinaryReader r)
    {
        float[] values = new float[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++) { values[i] = r.ReadSingle(); }
        return values;
    }
}
