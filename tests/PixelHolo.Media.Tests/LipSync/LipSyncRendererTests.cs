using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Rendering;
using PixelHolo.Core.Vision;
using PixelHolo.Media.Composition;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Tests.Composition;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.LipSync;

public sealed class LipSyncRendererTests
{
    [Fact]
    public async Task RenderAsync_SilentReply_MouthStaysClosedOnIdleFootage()
    {
        // 8 s of the GRID talker at full size (360x288): sentences at 0.57–1.92 s, 3.6–4.94 s, 6.63–8 s.
        string clip = SharedMedia.Path("videos/grid_s1_concat.mp4");
        using var profile = await FrameStoreProfile.CreateAsync(clip, 8, [(0.5, 2.0), (3.5, 5.0), (6.5, 8.0)], width: 360);
        using ServiceProvider services = FaceDetectionServices.Create();
        float[] audio = await DecodeAsync(clip, 8);
        await new LipSyncTrainer(services.GetRequiredService<IFaceDetector>(), new LipSyncOptions()).TrainAsync(profile.Folder, "grid", audio, 25, null, CancellationToken.None);
        var renderer = new LipSyncRenderer(Options.Create(new LipSyncOptions()), Options.Create(new LoopRendererOptions()));
        await using var session = (LipSyncRenderSession)await renderer.OpenAsync(profile.Profile);
        session.Trace = [];

        List<AvatarFrame> silent = await session.RenderAsync(StreamingLoopRendererTests.Chunks(new float[16_000 * 2], 0.25)).ToListAsync();

        Assert.Equal(50, silent.Count);
        Assert.All(session.Trace, t => Assert.Equal(0f, t.MouthWeight)); // the replaced mouth never fades in
        // Idle footage as stored, or a cross-fade where the short idle stretch wraps around.
        Assert.All(silent.Where(f => f.SourceFrame is not null), f => Assert.Contains(session.Plan.Idle, r => r.Contains(f.SourceFrame!.Value)));
        Assert.InRange(silent.Count(f => f.Jpeg is not null), 0, 12);
        Assert.All(silent.Where(f => f.SourceFrame is not null), f => Assert.True(session.Model.Opening[f.SourceFrame!.Value] <= session.Model.ClosedOpening * 1.5f,
            $"frame {f.SourceFrame} opening {session.Model.Opening[f.SourceFrame!.Value]:F1} above closed {session.Model.ClosedOpening:F1}"));

        // The person's own speech: the mouth is replaced while the voice is active, and the answer ends closed.
        session.Trace = [];
        List<AvatarFrame> spoken = await session.RenderAsync(StreamingLoopRendererTests.Chunks(audio.AsSpan(0, 16_000 * 3).ToArray(), 0.5)).ToListAsync();
        Assert.Equal(75, spoken.Count);
        Assert.Contains(session.Trace, t => t.MouthWeight == 1f);
        Assert.Equal(0f, session.Trace[^1].MouthWeight);
        Assert.NotNull(spoken[30].Jpeg); // mid-sentence (1.2 s) the frame is rendered
    }

    internal static async Task<float[]> DecodeAsync(string clip, double seconds)
    {
        using var temp = new TempDirectory();
        string raw = temp.File("audio.f32");
        await ProcessRunner.FfmpegAsync("-i", clip, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-vn", "-ac", "1", "-ar", "16000", "-f", "f32le", raw);
        return MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(raw)).ToArray();
    }
}
