using System.Runtime.CompilerServices;
using PixelHolo.Core.Rendering;

namespace PixelHolo.Media.Composition;

/// <summary>The last fallback ("still"): the profile's still frame (closed mouth, chosen at enrollment) for the whole answer,
/// with the audio. Costs nothing to render.</summary>
internal sealed class StillRenderer : IStreamingAvatarRenderer
{
    public string Name => "still";

    public Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        FrameStore store = FrameStore.Open(profile.Folder, profile.Name);
        EnrollmentFacts? manifest = FootagePlan.ReadFacts(profile.Folder);
        FootagePlan plan = FootagePlan.From(manifest, store.Count);
        int still = manifest?.Still?.Frame - 1 ?? 0; // the manifest's frame is 1-based
        return Task.FromResult<IAvatarRenderSession>(new StillSession(Math.Clamp(still, 0, store.Count - 1), plan.FramesPerSecond));
    }

    private sealed class StillSession(int frame, double fps) : IAvatarRenderSession
    {
        public double FramesPerSecond => fps;

        public async IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var meter = new FrameEnergyMeter(fps);
            int emitted = 0;
            await foreach (AudioChunk chunk in speech.WithCancellation(cancellationToken))
            {
                meter.Add(chunk);
                for (; emitted < meter.Levels.Count; emitted++) { yield return new AvatarFrame(TimeSpan.FromSeconds(emitted / fps), frame, null); }
            }
            for (; emitted < meter.FramesToCover; emitted++) { yield return new AvatarFrame(TimeSpan.FromSeconds(emitted / fps), frame, null); }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
