using PixelHolo.Core.Profiles;
using PixelHolo.Core.Speech;

namespace PixelHolo.Core.Rendering;

/// <summary>Turns speech into a clip of the avatar (lip-synced, or its footage looped) with the speech as sound.</summary>
public interface IAvatarRenderer
{
    string Name { get; }

    Task<RenderedClip> RenderAsync(AvatarProfile profile, SynthesizedSpeech speech, CancellationToken cancellationToken = default);
}

/// <summary>A rendered answer: an MP4 (H.264 + AAC) on disk, and where the footage stopped so the next one continues.</summary>
public sealed record RenderedClip(string Mp4Path, TimeSpan Duration, TimeSpan FootageStart, TimeSpan FootageEnd);
