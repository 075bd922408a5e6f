using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Ffmpeg;

public sealed class FfmpegFrameWriterTests
{
    [Fact]
    public async Task CompleteAsync_BlackFramesWithWhiteSquare_BlackStaysExactlyZeroAfterDecoding()
    {
        using var temp = new TempDirectory();
        string output = temp.File("out.mp4");
        const int size = 64;
        byte[] frame = new byte[size * size * 3];
        for (int y = 16; y < 48; y++)
        {
            for (int x = 16; x < 48; x++) { frame.AsSpan(((y * size) + x) * 3, 3).Fill(200); }
        }

        await using (var writer = new FfmpegFrameWriter(FfmpegTools.Runner, new FrameWriteRequest(output, size, size, 25)))
        {
            for (int i = 0; i < 10; i++) { await writer.WriteAsync(frame); }
            await writer.CompleteAsync();
        }

        var decoded = new List<VideoFrame>();
        await foreach (VideoFrame f in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(output))) { decoded.Add(f); }
        Assert.Equal(10, decoded.Count);
        byte[] first = decoded[0].Rgb24;
        // Corners (far from the square's edge) are exactly black.
        foreach (int index in new[] { 0, ((size * size) - 1) * 3, (4 * size + 4) * 3 })
        {
            Assert.Equal(0, first[index] | first[index + 1] | first[index + 2]);
        }
        Assert.InRange(first[((32 * size) + 32) * 3], 190, 210);
    }

    [Fact]
    public async Task WriteAsync_WrongFrameSize_ThrowsAndLeavesNoFile()
    {
        using var temp = new TempDirectory();
        string output = temp.File("bad.mp4");

        await using (var writer = new FfmpegFrameWriter(FfmpegTools.Runner, new FrameWriteRequest(output, 8, 8, 25)))
        {
            await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(new byte[10]));
        }

        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}
