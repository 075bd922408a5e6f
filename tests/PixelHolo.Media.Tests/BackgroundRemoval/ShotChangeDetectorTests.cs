using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

public sealed class ShotChangeDetectorTests
{
    [Fact]
    public async Task Find_CutHeavyFootage_EveryCutFoundNoOther()
    {
        using var temp = new TempDirectory();
        string clip = await CutFootage.MakeAsync(temp);

        List<int> cuts = ShotChangeDetector.Find(await SignaturesAsync(clip), 15);

        Assert.Equal(CutFootage.Cuts, cuts);
    }

    [Fact]
    public async Task Find_GridTakes_CutsOnlyAtJoinsAndMostJoinsFound()
    {
        // 24 takes of 3 s at 25 fps, recorded on different occasions with the same framing: joins at every 75th frame.
        List<int> cuts = ShotChangeDetector.Find(await SignaturesAsync(SharedMedia.Path("videos/grid_s1_concat.mp4")), 25);

        Assert.All(cuts, c => Assert.Equal(0, c % 75));
        Assert.InRange(cuts.Count, 20, 23);                // two takes follow each other almost unchanged; the matte check covers them
    }

    [Fact]
    public async Task Find_OneTakeExpressiveFace_NoCut()
    {
        List<int> cuts = ShotChangeDetector.Find(await SignaturesAsync(SharedMedia.Path("fixtures/cut_5s.mp4")), 30);

        Assert.Empty(cuts);
    }

    private static async Task<List<FrameSignature>> SignaturesAsync(string clip)
    {
        var signatures = new List<FrameSignature>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (VideoFrame f in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip), cts.Token))
        {
            signatures.Add(FrameSignature.From(f.Rgb24, f.Width, f.Height));
        }
        return signatures;
    }
}
