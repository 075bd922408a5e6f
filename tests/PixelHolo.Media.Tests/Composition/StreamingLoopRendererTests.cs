using Microsoft.Extensions.Options;
using PixelHolo.Core.Audio;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.Composition;

public sealed class StreamingLoopRendererTests
{
    private const int Rate = 16_000;

    [Fact]
    public async Task RenderAsync_ThreeSecondReply_FramesCoverExactlyThreeSeconds()
    {
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 8, [(0.0, 5.0)]);
        var renderer = new StreamingLoopRenderer(Options.Create(new LoopRendererOptions()));
        await using IAvatarRenderSession session = await renderer.OpenAsync(profile.Profile);

        List<AvatarFrame> frames = await session.RenderAsync(Chunks(Tone(3.0), chunkSeconds: 0.25)).ToListAsync();

        Assert.Equal(75, frames.Count); // 3 s at 25 fps
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(i / 25.0), frames[i].Timestamp);
            Assert.True(frames[i].SourceFrame is not null || frames[i].Jpeg is not null, $"frame {i} is neither a store frame nor a JPEG");
        }
    }

    [Fact]
    public async Task RenderAsync_NinetySecondReplyOnThirtySecondProfile_PlaysNinetySecondsWithoutCutAndNextContinues()
    {
        // 30 s of footage: speech in [0, 20) and [24, 30), idle in [20, 24).
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 30, [(0.0, 20.0), (24.0, 30.0)], width: 32);
        var renderer = new StreamingLoopRenderer(Options.Create(new LoopRendererOptions()));
        await using IAvatarRenderSession opened = await renderer.OpenAsync(profile.Profile);
        var session = (LoopRenderSession)opened;
        // 90 s: 4 s of voice, 1 s of silence, repeated.
        float[] reply = TestSignal(90, t => t % 5 < 4);

        List<AvatarFrame> frames = await session.RenderAsync(Chunks(reply, chunkSeconds: 0.5)).ToListAsync();

        Assert.Equal(90 * 25, frames.Count);
        Assert.Equal(TimeSpan.FromSeconds(89.96), frames[^1].Timestamp);
        int jumps = 0;
        for (int i = 1; i < frames.Count; i++)
        {
            if (frames[i - 1].SourceFrame is { } a && frames[i].SourceFrame is { } b && b != a + 1)
            {
                Assert.Fail($"cut between output frames {i - 1} and {i}: store frame {a} then {b} with no blend between");
            }
            if (frames[i].Jpeg is not null && frames[i - 1].Jpeg is null) { jumps++; }
        }
        Assert.InRange(jumps, 18, 90 * 3); // every pause is entered and left through a blend, and the 30 s footage wraps
        int last = Assert.IsType<int>(frames[^1].SourceFrame);
        Assert.Contains(session.Plan.Idle, r => r.Contains(last)); // ends on idle footage (mouth closed)
        // Mid-voice frames are talking footage.
        int mid = Assert.IsType<int>(frames[(int)(2.0 * 25)].SourceFrame);
        Assert.Contains(session.Plan.Talking, r => r.Contains(mid));

        int lastTalking = frames.Select(f => f.SourceFrame).OfType<int>().Last(i => session.Plan.Talking.Any(r => r.Contains(i)));
        List<AvatarFrame> next = await session.RenderAsync(Chunks(Tone(1.0), chunkSeconds: 0.5)).ToListAsync();
        Assert.Equal(lastTalking + 1, next[0].SourceFrame); // continues from its last frame
    }

    [Fact]
    public async Task RenderAsync_SilentReply_StaysOnIdleFootage()
    {
        using var profile = await FrameStoreProfile.CreateAsync(SharedMedia.Path("videos/talking_woman_expressive_34s.mp4"), 6, [(0.0, 3.0)]);
        var renderer = new StreamingLoopRenderer(Options.Create(new LoopRendererOptions()));
        await using IAvatarRenderSession opened = await renderer.OpenAsync(profile.Profile);
        var session = (LoopRenderSession)opened;

        List<AvatarFrame> frames = await session.RenderAsync(Chunks(new float[Rate * 2], chunkSeconds: 0.2)).ToListAsync();

        Assert.Equal(50, frames.Count);
        Assert.All(frames, f => Assert.Contains(session.Plan.Idle, r => r.Contains(Assert.IsType<int>(f.SourceFrame))));
    }

    internal static float[] Tone(double seconds) => TestSignal(seconds, _ => true);

    internal static float[] TestSignal(double seconds, Func<double, bool> voiced)
    {
        float[] samples = new float[(int)(Rate * seconds)];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = i / (double)Rate;
            samples[i] = voiced(t) ? 0.3f * MathF.Sin(2 * MathF.PI * 220 * i / Rate) : 0;
        }
        return samples;
    }

    internal static async IAsyncEnumerable<AudioChunk> Chunks(float[] samples, double chunkSeconds)
    {
        int size = (int)(Rate * chunkSeconds);
        for (int offset = 0; offset < samples.Length; offset += size)
        {
            await Task.Yield();
            int n = Math.Min(size, samples.Length - offset);
            yield return new AudioChunk(samples.AsMemory(offset, n), Rate, 1, TimeSpan.FromSeconds(offset / (double)Rate));
        }
    }
}
