using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Tests.Composition;
using PixelHolo.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace PixelHolo.Media.Tests.LipSync;

public sealed class AutoAvatarRendererTests
{
    [Fact]
    public async Task OpenAsync_EngineSlowerThanRealTime_FallsBackToLoopVisibly()
    {
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 4, [(0.0, 3.0)]);
        var time = new FakeTimeProvider();
        var slow = new SlowRenderer(time, perFrame: TimeSpan.FromMilliseconds(80)); // 12.5 frames/s against 25 needed
        var options = new LoopRendererOptions();
        var auto = new AutoAvatarRenderer([slow, new StreamingLoopRenderer(Options.Create(options)), new StillRenderer()], options, time, NullLogger.Instance);

        await using IAvatarRenderSession session = await auto.OpenAsync(profile.Profile);
        List<AvatarFrame> frames = await session.RenderAsync(StreamingLoopRendererTests.Chunks(StreamingLoopRendererTests.Tone(1.0), 0.5)).ToListAsync();

        RenderingState state = Assert.IsType<RenderingState>(auto.Current);
        Assert.Equal("loop", state.Engine);
        Assert.Equal("auto", state.Requested);
        Assert.Contains("slow", state.FallbackReason, StringComparison.Ordinal);
        Assert.Contains("12.5 frames/s", state.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(25, frames.Count);
        Assert.Equal(1, slow.Rendered); // only the start-up probe ran on the slow engine
    }

    [Fact]
    public async Task RenderAsync_EngineSlowsDownDuringAnAnswer_NextAnswerUsesLoop()
    {
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 4, [(0.0, 3.0)]);
        var time = new FakeTimeProvider();
        var slow = new SlowRenderer(time, perFrame: TimeSpan.FromMilliseconds(5)); // fast at start-up
        var options = new LoopRendererOptions();
        var auto = new AutoAvatarRenderer([slow, new StreamingLoopRenderer(Options.Create(options)), new StillRenderer()], options, time, NullLogger.Instance);
        await using IAvatarRenderSession session = await auto.OpenAsync(profile.Profile);
        Assert.Equal("slow", auto.Current!.Engine);
        Assert.Null(auto.Current.FallbackReason);

        slow.PerFrame = TimeSpan.FromMilliseconds(100); // the machine got busy
        await session.RenderAsync(StreamingLoopRendererTests.Chunks(StreamingLoopRendererTests.Tone(1.0), 0.5)).ToListAsync();
        Assert.Equal("loop", auto.Current!.Engine);
        Assert.Contains("10.0 frames/s", auto.Current.FallbackReason, StringComparison.Ordinal);

        List<AvatarFrame> next = await session.RenderAsync(StreamingLoopRendererTests.Chunks(StreamingLoopRendererTests.Tone(1.0), 0.5)).ToListAsync();
        Assert.Equal(25, next.Count);
        Assert.Equal(2, slow.Rendered); // the probe and the slow answer; the next one went to loop mode
    }

    /// <summary>An engine made artificially slow: each frame advances the fake clock.</summary>
    private sealed class SlowRenderer(FakeTimeProvider time, TimeSpan perFrame) : IStreamingAvatarRenderer
    {
        public TimeSpan PerFrame { get; set; } = perFrame;

        public FakeTimeProvider Time { get; } = time;

        public int Opened { get; private set; }

        public int Rendered { get; private set; }

        public string Name => "slow";

        public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
        {
            Opened++;
            return Task.FromResult<IAvatarRenderSession>(new Session(this));
        }

        private sealed class Session(SlowRenderer owner) : IAvatarRenderSession
        {
            public double FramesPerSecond => 25;

            public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                owner.Rendered++;
                var meter = new FrameEnergyMeter(25);
                await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken)) { meter.Add(chunk); }
                for (int i = 0; i < meter.FramesToCover; i++)
                {
                    owner.Time.Advance(owner.PerFrame);
                    yield return new AvatarFrame(TimeSpan.FromSeconds(i / 25.0), 0, null);
                }
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
