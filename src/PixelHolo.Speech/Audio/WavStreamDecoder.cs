using System.Buffers.Binary;
using PixelHolo.Core.Errors;

namespace PixelHolo.Speech.Audio;

/// <summary>Decodes a WAV byte stream as it arrives (espeak-ng's stdout, a TTS server's streamed response): the header is
/// read once, then every block of bytes becomes mono float samples. The header's sizes are ignored, because streaming
/// writers cannot know them (espeak-ng writes 0x7FFFF000, Chatterbox-TTS-Server 0xFFFFFFFF). Blocks may split a sample
/// or the header anywhere.</summary>
internal sealed class WavStreamDecoder(string name)
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly List<byte> _pending = [];
    private bool _inData;
    private int _bytesPerSample;
    private bool _float;

    /// <summary>Sample rate from the header; 0 until the header has been read.</summary>
    public int SampleRateHz { get; private set; }

    /// <summary>Channel count from the header; 0 until the header has been read.</summary>
    public int Channels { get; private set; }

    /// <summary>True once the header has been read.</summary>
    public bool HasHeader => _inData;

    /// <summary>Adds bytes and returns the interleaved samples they complete (possibly none).</summary>
    public float[] Decode(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) { _pending.Add(b); }
        if (!_inData && !TryReadHeader()) { return []; }
        int frameBytes = _bytesPerSample * Channels;
        int count = _pending.Count / frameBytes * Channels;
        if (count == 0) { return []; }
        float[] samples = new float[count];
        Span<byte> sample = stackalloc byte[4];
        for (int i = 0; i < count; i++)
        {
            for (int b = 0; b < _bytesPerSample; b++) { sample[b] = _pending[(i * _bytesPerSample) + b]; }
            samples[i] = _float
                ? BinaryPrimitives.ReadSingleLittleEndian(sample)
                : BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768f;
        }
        _pending.RemoveRange(0, count * _bytesPerSample);
        return samples;
    }

    /// <summary>Call at the end of the stream: throws if it ended before any audio header.</summary>
    public void Complete()
    {
        if (!_inData)
        {
            throw new InvalidDataException($"{name} ended after {_pending.Count} bytes without a complete WAV header: no audio came back.");
        }
    }

    private bool TryReadHeader()
    {
        byte[] bytes = [.. _pending];
        if (bytes.Length < 12) { return false; }
        if (!bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{name} is not WAV audio (no RIFF/WAVE header).");
        }
        int offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            ReadOnlySpan<byte> id = bytes.AsSpan(offset, 4);
            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4, 4));
            int body = offset + 8;
            if (id.SequenceEqual("data"u8))
            {
                if (Channels == 0) { throw new InvalidDataException($"{name} has its 'data' chunk before the 'fmt ' chunk."); }
                _pending.RemoveRange(0, body);
                _inData = true;
                return true;
            }
            if (declared > MaxHeaderBytes) { throw new InvalidDataException($"{name} has a {declared}-byte '{System.Text.Encoding.ASCII.GetString(id)}' chunk before its audio: not a WAV stream."); }
            if (body + declared > bytes.Length) { return false; }
            if (id.SequenceEqual("fmt "u8)) { ReadFormat(bytes.AsSpan(body, (int)declared)); }
            offset = body + (int)declared + (int)(declared & 1);
        }
        if (bytes.Length > MaxHeaderBytes) { throw new InvalidDataException($"{name} sent {bytes.Length} bytes without a 'data' chunk."); }
        return false;
    }

    private void ReadFormat(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16) { throw new InvalidDataException($"{name} has a truncated 'fmt ' chunk."); }
        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        if (format == 0xFFFE && fmt.Length >= 26) { format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); }
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        int rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (!((format == 1 && bits == 16) || (format == 3 && bits == 32)))
        {
            throw new AudioFormatException($"{name} streams WAV format {format} with {bits}-bit samples; a stream must be 16-bit PCM or 32-bit float.");
        }
        if (channels == 0 || rate <= 0) { throw new InvalidDataException($"{name} declares {channels} channel(s) at {rate} Hz: the header is damaged."); }
        Channels = channels;
        SampleRateHz = rate;
        _bytesPerSample = bits / 8;
        _float = format == 3;
    }
}
