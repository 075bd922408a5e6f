using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using PixelHolo.Media.BackgroundRemoval;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

/// <summary>The order of work in <see cref="MattePipeline"/>: the key thread beside the per-frame pass. The model is a
/// delegate-driven fake here (the exact square the generated frames show); the real model runs in MatteStepTests and
/// MatteEvaluatorTests.</summary>
public sealed class MattePipelineTests
{
    private const int W = 64, H = 64, Frames = 40;

    [Fact]
    public async Task RunAsync_StaticScene_EveryFrameOnceInOrderAndEachKeyThroughTheModelOnce()
    {
        var model = new FakeMatteModel(_ => { });
        var seen = new List<int>();
        var pipeline = new MattePipeline(model, new MattingOptions(), TimeProvider.System, NullLogger.Instance);

        MatteRunStats stats = await pipeline.RunAsync(OpenFrames, W, H, 25, (frame, _) =>
        {
            seen.Add(frame.Index);
            if (frame.Index == 17)
            {
                Assert.Equal(1f, frame.Alpha.Span[(32 * W) + 30]);   // inside the square
                Assert.Equal(0f, frame.Alpha.Span[(5 * W) + 60]);    // the wall, far from it
            }
            return ValueTask.CompletedTask;
        }, progress: null, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Frames), seen);
        Assert.Equal(stats.KeyFrames, model.Calls);
        Assert.InRange(stats.KeyFrames, 3, Frames - 1);
        Assert.Equal(1, model.Loads);   // loaded beside the first pass, once
    }

    [Fact]
    public async Task RunAsync_ModelFailsOnTheSecondKey_TheModelsOwnErrorAndNoFramePastTheFirstShot()
    {
        var model = new FakeMatteModel(call => { if (call == 2) { throw new InvalidDataException("model broke on key 2"); } });
        var pipeline = new MattePipeline(model, new MattingOptions(), TimeProvider.System, NullLogger.Instance);
        int consumed = 0;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => pipeline.RunAsync(OpenFrames, W, H, 25,
            (_, _) => { consumed++; return ValueTask.CompletedTask; }, progress: null, CancellationToken.None));

        Assert.Equal("model broke on key 2", error.Message);
        Assert.Equal(0, consumed);   // one shot: its frames wait for all of its keys
    }

    [Theory]
    [InlineData(0, 0, 0)]     // no budget: the check asks, nothing runs
    [InlineData(1, 0, 1)]     // the floor: even a 4 s clip gets its key
    [InlineData(0, 30, 1)]    // 30 per minute: 2 over 4 s, 0.5 by frame 10
    public async Task RunAsync_WallLightChanges_TheMatteCheckGetsAKeyWithinTheBudget(double floor, double perMinute, int expected)
    {
        var model = new FakeMatteModel(_ => { });
        var options = new MattingOptions { MaxExtraKeyFramesPerMinute = perMinute, MinExtraKeyFrames = floor };
        var pipeline = new MattePipeline(model, options, TimeProvider.System, NullLogger.Instance);
        var stale = new List<int>();

        // At 10 fps the check may add a key every 5 frames (MovingCameraKeyFrameInterval 0.5 s).
        MatteRunStats stats = await pipeline.RunAsync(OpenChangingWall, W, H, 10, (frame, _) =>
        {
            if (frame.Confidence < options.MinConfidence) { stale.Add(frame.Index); }
            return ValueTask.CompletedTask;
        }, progress: null, CancellationToken.None);

        Assert.Empty(stats.Plan.Cuts);   // the change is too small for the shot detector; only the matte check sees it
        Assert.Equal(expected, stats.KeyFrames - stats.Plan.Keys.Count);
        Assert.Equal(stats.KeyFrames, model.Calls);
        Assert.Equal(expected == 0, stale.Count >= 7);   // without the key the changed light stays unmatched
    }

    [Theory]
    [InlineData(0.96, true)]
    [InlineData(0, false)]   // off
    public async Task RunAsync_PlannedKeysDisagree_KeysBetweenThemOnlyThere(double minKeyAgreement, bool refined)
    {
        // The model sees an arm beside the square from frame 20 on: the planned keys either side of frame 20 disagree (IoU 0.77).
        var ran = new List<int>();
        var model = new FakeMatteModel(_ => { }, (rgb, width, height, alpha) =>
        {
            int frame = rgb.Span[2];
            lock (ran) { ran.Add(frame); }
            if (frame < 20) { return; }
            for (int y = 24 * height / H; y < 36 * height / H; y++)
            {
                for (int x = 40 * width / W; x < 52 * width / W; x++) { alpha[(y * width) + x] = 1; }
            }
        });
        var pipeline = new MattePipeline(model, new MattingOptions { MinKeyAgreement = minKeyAgreement }, TimeProvider.System, NullLogger.Instance);

        MatteRunStats stats = await pipeline.RunAsync(OpenMarkedFrames, W, H, 25, (_, _) => ValueTask.CompletedTask, progress: null, CancellationToken.None);

        IReadOnlyList<int> planned = stats.Plan.Keys;
        int before = planned.Last(k => k < 20), after = planned.First(k => k >= 20);
        Assert.Equal(stats.KeyFrames, model.Calls);
        Assert.Equal(refined, stats.KeyFrames > planned.Count);
        Assert.All(ran.Except(planned), k => Assert.InRange(k, before + MattePipeline.MinRefineGap, after - MattePipeline.MinRefineGap));
        if (refined)
        {
            // Split until the keys either side of the change are closer than twice the smallest gap.
            int last = ran.Where(k => k < 20).Max(), first = ran.Where(k => k >= 20).Min();
            Assert.True(first - last < 2 * MattePipeline.MinRefineGap, $"keys {string.Join(", ", ran.Order())}");
        }
    }

    [Theory]
    [InlineData(0, 0, 2, 1)]     // 2 cores: one for the model, one for the per-frame pass
    [InlineData(0, 0, 16, 15)]
    [InlineData(0, 0, 1, 1)]
    [InlineData(3, 0, 2, 3)]     // Matting:ModelThreads wins
    public void Threads_Settings_ModelThreadsElseAllCoresButOne(int modelThreads, int inferenceThreads, int processors, int expected)
    {
        Assert.Equal(expected, IsNetMatteModel.Threads(modelThreads, inferenceThreads, processors));
    }

    [Fact]
    public void Threads_InferenceIntraOpThreadsSet_LeftToThatSetting()
    {
        Assert.Null(IsNetMatteModel.Threads(0, 4, 2));
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> OpenFrames([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int i = 0; i < Frames; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return Scene(W, H).Rgb;
        }
    }

    /// <summary>The static scene with the frame's index in the blue of its first pixel, for a model that answers by frame.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> OpenMarkedFrames([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] rgb = Scene(W, H).Rgb;
        for (int i = 0; i < Frames; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            byte[] frame = (byte[])rgb.Clone();
            frame[2] = (byte)i;
            yield return frame;
        }
    }

    /// <summary>The scene with the wall's red and blue 30 levels up and its green 12 down in every other stretch of 7 frames
    /// (another light): 24 levels off the plate, while the luma moves ~5 levels and no colour leaves its histogram bin.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> OpenChangingWall([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        (byte[] rgb, float[] alpha) = Scene(W, H);
        for (int i = 0; i < Frames; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            byte[] frame = (byte[])rgb.Clone();
            if (i / 7 % 2 == 1)
            {
                for (int p = 0; p < alpha.Length; p++)
                {
                    if (alpha[p] > 0) { continue; }
                    frame[p * 3] += 30;
                    frame[(p * 3) + 1] -= 12;
                    frame[(p * 3) + 2] += 30;
                }
            }
            yield return frame;
        }
    }

    /// <summary>A red square (x 20..39, y 20..43) on a textured grey wall (140..159), at any size.</summary>
    private static (byte[] Rgb, float[] Alpha) Scene(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        var alpha = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int j = ((y * width) + x) * 3;
                bool inside = x * W / width is >= 20 and < 40 && y * H / height is >= 20 and < 44;
                byte wall = (byte)(140 + (((x * 7) + (y * 3)) % 20));   // 140..159: inside one 64-level histogram bin
                rgb[j] = inside ? (byte)220 : wall;
                rgb[j + 1] = inside ? (byte)40 : wall;
                rgb[j + 2] = inside ? (byte)40 : wall;
                alpha[(y * width) + x] = inside ? 1 : 0;
            }
        }
        return (rgb, alpha);
    }

    /// <param name="answer">Changes the model's answer (the square) for the frame it is given (RGB24 at width × height).</param>
    private sealed class FakeMatteModel(Action<int> onCall, Action<ReadOnlyMemory<byte>, int, int, float[]>? answer = null) : IMatteModel
    {
        private int _calls;
        private int _loads;

        public int Calls => _calls;

        public int Loads => _loads;

        public string Id => "fake";

        public string Licence => "none";

        public string ExecutionProvider => "CPU";

        public MatteModelLease Lease() => new(() => { });

        public Task LoadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _loads);
            return Task.CompletedTask;
        }

        public Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, int outputWidth, int outputHeight, CancellationToken cancellationToken) =>
            PredictAsync(rgb24, width, height, ModelRegion.Reference(width, height), outputWidth, outputHeight, cancellationToken);

        public Task<float[]> PredictAsync(ReadOnlyMemory<byte> rgb24, int width, int height, ModelRegion region, int outputWidth, int outputHeight, CancellationToken cancellationToken) =>
            Task.Run(() =>
            {
                onCall(Interlocked.Increment(ref _calls));
                float[] alpha = Scene(outputWidth, outputHeight).Alpha;
                answer?.Invoke(rgb24, outputWidth, outputHeight, alpha);
                return alpha;
            }, cancellationToken);
    }
}
