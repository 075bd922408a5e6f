using System.Buffers.Binary;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Errors;
using PixelHolo.Speech.Audio;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests.Audio;

public sealed class WavFileTests
{
    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsWithin16BitPrecision()
    {
        using var temp = new TempDirectory();
        float[] stereo = new float[2 * 2205];
        for (int i = 0; i < stereo.Length; i++) { stereo[i] = MathF.Sin(i * 0.01f) * (i % 2 == 0 ? 0.9f : -0.3f); }
        var audio = new AudioChunk(stereo, 22_050, 2, TimeSpan.Zero);
        string path = temp.File("out.wav");

        await WavFile.WriteAsync(path, audio);
        AudioChunk back = await WavFile.ReadAsync(path);

        Assert.Equal(22_050, back.SampleRateHz);
        Assert.Equal(2, back.Channels);
        Assert.Equal(stereo.Length, back.Samples.Length);
        for (int i = 0; i < stereo.Length; i++) { Assert.InRange(back.Samples.Span[i] - stereo[i], -1.0 / 16384, 1.0 / 16384); }
        Assert.Equal(["out.wav"], Directory.GetFiles(temp.Path).Select(Path.GetFileName)); // no temporary file left behind
    }

    [Fact]
    public async Task ReadAsync_Jfk_Is11SecondsOf16kMono()
    {
        AudioChunk audio = await WavFile.ReadAsync(SharedMedia.Path("audio/jfk.wav"));

        Assert.Equal(16_000, audio.SampleRateHz);
        Assert.Equal(1, audio.Channels);
        Assert.Equal(11.0, audio.Duration.TotalSeconds, 2);
    }

    [Fact]
    public async Task ReadMono16kAsync_LjSpeechAt22050_IsResampledToSameDuration()
    {
        AudioChunk audio = await WavFile.ReadMono16kAsync(SharedMedia.Path("audio/ljspeech_LJ001-0001.wav"));

        Assert.Equal(16_000, audio.SampleRateHz);
        Assert.Equal(1, audio.Channels);
        Assert.Equal(9.655, audio.Duration.TotalSeconds, 2);
    }

    [Fact]
    public void Parse_StreamingHeaderWithHugeDataSize_ReadsToTheEnd()
    {
        byte[] bytes = WavFile.Encode16Bit(TestAudio.Sine(440, 0.1, 22_050));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0x7FFFF024); // what espeak-ng --stdout writes
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0x7FFFF000);

        AudioChunk audio = WavFile.Parse(bytes);

        Assert.Equal(2205, audio.Samples.Length);
    }

    [Fact]
    public void Parse_Float32StereoWithExtraChunk_ReadsExactValues()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        float[] values = [0.5f, -0.25f, 1f, -1f];
        writer.Write("RIFF"u8); writer.Write(4 + 8 + 16 + 8 + 4 + 8 + (values.Length * 4));
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((ushort)3); writer.Write((ushort)2); writer.Write(48_000);
        writer.Write(48_000 * 8); writer.Write((ushort)8); writer.Write((ushort)32);
        writer.Write("LIST"u8); writer.Write(3); writer.Write((byte)1); writer.Write((byte)2); writer.Write((byte)3); writer.Write((byte)0); // odd size + pad byte
        writer.Write("data"u8); writer.Write(values.Length * 4);
        foreach (float v in values) { writer.Write(v); }

        AudioChunk audio = WavFile.Parse(stream.ToArray());

        Assert.Equal(48_000, audio.SampleRateHz);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(values, audio.Samples.ToArray());
    }

    [Fact]
    public void Parse_NotAWav_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => WavFile.Parse("ID3\u0004 this is an mp3"u8, "song.mp3"));

        Assert.Contains("song.mp3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AdpcmWav_ThrowsAudioFormatWithTheFix()
    {
        byte[] bytes = WavFile.Encode16Bit(TestAudio.Sine(440, 0.01));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 2); // MS ADPCM
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 4);

        var error = Assert.Throws<AudioFormatException>(() => WavFile.Parse(bytes, "adpcm.wav"));

        Assert.Contains("ffmpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TruncatedBeforeData_ThrowsInvalidData()
    {
        byte[] bytes = WavFile.Encode16Bit(TestAudio.Sine(440, 0.01));

        Assert.Throws<InvalidDataException>(() => WavFile.Parse(bytes.AsSpan(0, 30)));
    }
}
