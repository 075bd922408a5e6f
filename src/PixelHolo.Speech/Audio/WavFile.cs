using System.Buffers.Binary;
using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Audio;

/// <summary>Reads RIFF/WAVE files (PCM 8/16/24/32-bit integer or 32/64-bit float, any rate and channel count) into an
/// <see cref="AudioChunk"/>, and writes 16-bit PCM atomically. Corrupt files throw <see cref="InvalidDataException"/>;
/// valid files in a format we do not read throw <see cref="AudioFormatException"/>.</summary>
public static class WavFile
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads a WAV file as it is (rate and channels unchanged).</summary>
    public static async Task<AudioChunk> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Parse(bytes, path);
    }

    /// <summary>Reads a WAV file and converts it to 16 kHz mono, the format of every speech stage.</summary>
    public static async Task<AudioChunk> ReadMono16kAsync(string path, CancellationToken cancellationToken = default) =>
        AudioResampler.ToMono16k(await ReadAsync(path, cancellationToken));

    /// <summary>Parses WAV bytes. <paramref name="name"/> is used in error messages.</summary>
    public static AudioChunk Parse(ReadOnlySpan<byte> bytes, string name = "audio")
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"'{name}' is not a WAV file (no RIFF/WAVE header). Convert it with: ffmpeg -i IN -ac 1 -ar 16000 OUT.wav");
        }
        ushort format = 0, channels = 0, bitsPerSample = 0;
        int sampleRate = 0;
        bool haveFormat = false;
        int offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            ReadOnlySpan<byte> id = bytes.Slice(offset, 4);
            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            int bodyStart = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (declared < 16 || bodyStart + 16 > bytes.Length) { throw new InvalidDataException($"'{name}' has a truncated 'fmt ' chunk."); }
                ReadOnlySpan<byte> fmt = bytes.Slice(bodyStart, (int)Math.Min(declared, (uint)(bytes.Length - bodyStart)));
                format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (format == FormatExtensible && fmt.Length >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // first two bytes of the sub-format GUID
                }
                haveFormat = true;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat) { throw new InvalidDataException($"'{name}' has its 'data' chunk before the 'fmt ' chunk."); }
                // Streaming writers (espeak-ng --stdout, ffmpeg to a pipe) cannot know the size and write a huge one: read to the end.
                long available = bytes.Length - bodyStart;
                int length = (int)Math.Min(declared, available);
                return Decode(bytes.Slice(bodyStart, length), format, channels, sampleRate, bitsPerSample, name);
            }
            long next = bodyStart + (long)declared + (declared & 1); // chunks are word-aligned
            if (next > bytes.Length) { break; }
            offset = (int)next;
        }
        throw new InvalidDataException($"'{name}' has no 'data' chunk: the file is truncated or not audio.");
    }

    /// <summary>Writes 16-bit PCM, atomically: to a temporary file beside <paramref name="path"/>, then moved into place.</summary>
    public static async Task WriteAsync(string path, AudioChunk audio, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(audio);
        byte[] bytes = Encode16Bit(audio);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) { Directory.CreateDirectory(folder); }
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) { File.Delete(temp); }
        }
    }

    /// <summary>The bytes of a 16-bit PCM WAV file holding <paramref name="audio"/> (samples clipped to [-1, 1]).</summary>
    public static byte[] Encode16Bit(AudioChunk audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ReadOnlySpan<float> samples = audio.Samples.Span;
        int dataBytes = checked(samples.Length * 2);
        byte[] bytes = new byte[44 + dataBytes];
        Span<byte> span = bytes;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)audio.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], audio.SampleRateHz);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], audio.SampleRateHz * audio.Channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(audio.Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        Span<byte> data = span[44..];
        for (int i = 0; i < samples.Length; i++)
        {
            // Scale by 32768 (as the reader does) so 16-bit input round-trips bit-exactly; +1.0 clips to 32767.
            float scaled = MathF.Round(samples[i] * 32768f);
            BinaryPrimitives.WriteInt16LittleEndian(data[(2 * i)..], (short)Math.Clamp(scaled, short.MinValue, short.MaxValue));
        }
        return bytes;
    }

    private static AudioChunk Decode(ReadOnlySpan<byte> data, ushort format, ushort channels, int sampleRate, ushort bits, string name)
    {
        if (channels == 0 || sampleRate <= 0)
        {
            throw new InvalidDataException($"'{name}' declares {channels} channel(s) at {sampleRate} Hz: the header is damaged.");
        }
        int bytesPerSample = bits / 8;
        bool supported = (format == FormatPcm && bits is 8 or 16 or 24 or 32) || (format == FormatFloat && bits is 32 or 64);
        if (!supported)
        {
            throw new AudioFormatException(
                $"'{name}' is WAV format {format} with {bits}-bit samples, which PixelHolo does not read (it reads PCM 8/16/24/32-bit and float 32/64-bit). " +
                "Convert it with: ffmpeg -i IN -ac 1 -ar 16000 -c:a pcm_s16le OUT.wav");
        }
        int frameBytes = bytesPerSample * channels;
        int count = data.Length / frameBytes * channels; // a trailing partial frame is dropped
        float[] samples = new float[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> s = data.Slice(i * bytesPerSample, bytesPerSample);
            samples[i] = (format, bits) switch
            {
                (FormatPcm, 8) => (s[0] - 128) / 128f,
                (FormatPcm, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                (FormatPcm, 24) => ((s[0] | (s[1] << 8) | ((sbyte)s[2] << 16)) / 8388608f),
                (FormatPcm, 32) => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
                (FormatFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
            };
        }
        return new AudioChunk(samples, sampleRate, channels, TimeSpan.Zero);
    }
}
