using PixelHolo.Core.Media;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Tests.Ffmpeg;
using PixelHolo.Processes.Ffmpeg;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

[Collection(nameof(MattingModelGroup))]
public sealed class IsNetMatteModelTests(MattingFixture fixture)
{
    [Fact]
    public async Task PredictAsync_CropAroundThePersonAtTheDefaultDetail_AgreesWithTheReferenceViewForLess()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        VideoFrame frame = await FrameAsync(SharedMedia.Path("fixtures/cut_5s.mp4"), 45, cts.Token);
        var model = fixture.Get<IMatteModel>();
        using MatteModelLease lease = model.Lease();
        (int w, int h) = (frame.Width, frame.Height);

        float[] reference = await model.PredictAsync(frame.Rgb24, w, h, w, h, cts.Token);
        var box = MattePipeline.Box(reference, w, h, 0.5f) ?? throw new InvalidOperationException("no person in the reference matte");
        const double scale = 1.0;   // the reference view's detail, the background beside the person left out
        ModelRegion crop = ModelRegion.Around(box, w, h, ModelRegion.ReferenceScale(w, h) * scale, MattePipeline.KeyFrameMargin);
        float[] cropped = await model.PredictAsync(frame.Rgb24, w, h, crop, w, h, cts.Token);

        (double iou, double mae) = MatteEvaluator.Compare(cropped, reference);
        Assert.InRange(crop.Cost, 0.3, 0.95);                 // the background beside the person is not paid for
        Assert.InRange(iou, 0.98, 1.0);                        // (at 0.75 of the detail this frame scores 0.969)
        Assert.InRange(mae, 0.0, 0.015);
    }

    private static async Task<VideoFrame> FrameAsync(string clip, int index, CancellationToken cancellationToken)
    {
        await foreach (VideoFrame frame in FfmpegTools.Reader.ReadAsync(new FrameReadRequest(clip), cancellationToken))
        {
            if (frame.Index == index) { return frame; }
        }
        throw new InvalidOperationException($"{clip} has fewer than {index + 1} frames");
    }
}
