using PixelHolo.Core.Audio;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Rendering;

/// <summary>Streaming rendering: the answer's audio chunks in, timed frames of the avatar out. One
/// <see cref="IAvatarRenderSession"/> per open stage keeps the footage position, so each answer continues where the last
/// one stopped.</summary>
public interface IStreamingAvatarRenderer
{
    /// <summary>Engine name shown in logs, status and the turn record, e.g. "loop", "lipsync".</summary>
    string Name { get; }

    /// <summary>Opens a session for one stage of <paramref name="profile"/>. Throws a domain exception with the fix when the
    /// profile lacks what this engine needs.</summary>
    Task<IAvatarRenderSession> OpenAsync(AvatarProfile profile, CancellationToken cancellationToken = default);
}

/// <summary>A stage's renderer state between answers (footage cursor, caches). Not safe for concurrent answers.</summary>
public interface IAvatarRenderSession : IAsyncDisposable
{
    /// <summary>Frames per second of the output (the profile's footage rate).</summary>
    double FramesPerSecond { get; }

    /// <summary>The engine that renders this session's answers now ("lipsync", "loop", "still"), when the renderer chooses
    /// among several; null when it is the renderer itself. The turn record names this engine, not the chooser.</summary>
    string? Engine => null;

    /// <summary>Renders frames for the audio as it arrives; frame timestamps are relative to the start of the answer's audio
    /// and cover it exactly, ending on a closed mouth. Frames are produced at most a little ahead of the audio received.</summary>
    IAsyncEnumerable<AvatarFrame> RenderAsync(IAsyncEnumerable<AudioChunk> speech, CancellationToken cancellationToken = default);
}

/// <summary>One frame of an answer. Either a reference to the profile's frame store (<see cref="SourceFrame"/>, a 0-based
/// index into <c>frames/</c>) or a newly rendered JPEG (<see cref="Jpeg"/>); never neither.</summary>
/// <param name="Timestamp">Presentation time from the start of the answer's audio.</param>
/// <param name="SourceFrame">Index in the profile's frame store, when the frame is shown as stored.</param>
/// <param name="Jpeg">A rendered JPEG, when the frame was changed (lip-sync).</param>
public sealed record AvatarFrame(TimeSpan Timestamp, int? SourceFrame, ReadOnlyMemory<byte>? Jpeg);
