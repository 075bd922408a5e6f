using PixelHolo.Core.Media;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Ffmpeg;

public sealed class FfmpegFrameReaderTests
{
    [Fact]
    public async Task ReadAsync_GeneratedRedSquare_ExactPixels()
    {
        using var temp = new TempDirectory();
        string clip = temp.File("square.mp4");
        // A 16×16 black frame with a 8×8 white square at (4,4), lossless so pixels are exact.
        await TestProcess.FfmpegAsync("-f", "lavfi", "-i", "color=c=black:s=16x16:r=5:d=1", "-vf", "drawbox=x=4:y=4:w=8:h=8:color=white:t=fill",
            "-c:v", "libx264rgb", "-qp", "0", clip);

        List<VideoFrame> frames = await ToListAsync(FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip)));

        Assert.Equal(5, frames.Count);
        VideoFrame first = frames[0];
        Assert.Equal((16, 16), (first.Width, first.Height));
        Assert.Equal(0, first.Rgb24[0]);
        int centre = ((8 * 16) + 8) * 3;
        Assert.Equal(255, first.Rgb24[centre]);
        Assert.Equal(TimeSpan.FromSeconds(0.2), frames[1].Timestamp);
    }

    [Fact]
    public async Task ReadAsync_MaxFramesOnLoopedClip_StopsAndScales()
    {
        var request = new FrameReadRequest(SharedMedia.Path("fixtures/cut_5s.mp4"), Width: 64, Height: 64, FramesPerSecond: 10, Loop: true, MaxFrames: 70);

        List<VideoFrame> frames = await ToListAsync(FfmpegTools.Reader.ReadAsync(request));

        Assert.Equal(70, frames.Count); // 7 s from a 5 s clip: the loop worked
        Assert.All(frames, f => Assert.Equal(64 * 64 * 3, f.Rgb24.Length));
    }

    [Fact]
    public async Task ReadAsync_ConsumerLeavesEarly_ReturnsFirstFramesOnly()
    {
        int seen = 0;
        await foreach (VideoFrame _ in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), Loop: true)))
        {
            if (++seen == 3) { break; }
        }

        Assert.Equal(3, seen);
    }

    private static async Task<List<VideoFrame>> ToListAsync(IAsyncEnumerable<VideoFrame> frames)
    {
        var list = new List<VideoFrame>();
        await foreach (VideoFrame frame in frames) { list.Add(frame); }
        return list;
    }
}
