using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Enrollment;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Enrollment;
using PixelHolo.Media.Idle;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Validation;

namespace PixelHolo.Enrollment;

/// <summary>The one declaration of which steps enrollment runs and in what order. Each step may rely on what the steps
/// before it in its list wrote (the still and the idle loop on matte.mp4, lipsync on audio.wav and frames/), so no step
/// checks for an earlier one.</summary>
public static class EnrollmentSteps
{
    /// <summary>Enrollment:Picture = "matte": content check, person on pure black, chosen still, idle loop.</summary>
    internal static readonly IReadOnlyList<Type> Matte =
    [
        typeof(ValidateStep),       // probe again, findings, context.Media
        typeof(ExtractAudioStep),   // audio.wav (16 kHz), audio-24k.wav
        typeof(VoiceReferenceStep), // voice/reference.* from the audio
        typeof(ContentCheckStep),   // one face, speech timeline
        typeof(MatteStep),          // matte.mp4 + frames/
        typeof(StillStep),          // still.jpg, chosen from matte.mp4 away from speech
        typeof(IdleLoopStep),       // idle.mp4 cut from matte.mp4
        typeof(LipSyncStep),        // learns from audio.wav and frames/
    ];

    /// <summary>Steps that run beside the steps after them instead of before them: each on a forked context (its own lists),
    /// joined before the manifest is written. Only a step that no later step reads and that reads nothing a later step writes
    /// belongs here. The voice reference (VAD + transcription, one core for ~11 s on a 72 s clip) needs only the audio, and
    /// the picture steps leave a core idle part of the time (issue 12: enrollment faster than real time on 2 cores).</summary>
    internal static readonly IReadOnlySet<Type> Beside = new HashSet<Type> { typeof(VoiceReferenceStep) };

    /// <summary>True when <paramref name="step"/> runs beside the steps after it (<see cref="Beside"/>).</summary>
    internal static bool RunsBeside(IEnrollmentStep step) => Beside.Contains(step.GetType());

    /// <summary>Enrollment:Picture = "plain": the footage as filmed and its first frame as the still.</summary>
    internal static readonly IReadOnlyList<Type> Plain =
    [
        typeof(ValidateStep),
        typeof(ExtractAudioStep),
        typeof(VoiceReferenceStep),
        typeof(FootageStep),        // footage.mp4 + frames/
        typeof(FirstFrameStillStep),// still.jpg from frames/000001.jpg
        typeof(LipSyncStep),
    ];

    /// <summary>The step types for a picture mode ("matte" or "plain").</summary>
    internal static IReadOnlyList<Type> For(string picture) => picture switch
    {
        EnrollmentOptions.MattePicture => Matte,
        EnrollmentOptions.PlainPicture => Plain,
        _ => throw new ArgumentOutOfRangeException(nameof(picture), picture, $"Enrollment:Picture is \"{picture}\"; use \"matte\" or \"plain\"."),
    };

    /// <summary>The steps, resolved from the container in their declared order for the configured picture mode.</summary>
    internal static IReadOnlyList<IEnrollmentStep> Resolve(IServiceProvider services, IOptions<EnrollmentOptions> options) =>
        Resolve(services, options.Value.Picture);

    /// <summary>The steps of a picture mode, for a job run with other settings than the configured ones (a re-enrollment).</summary>
    internal static IReadOnlyList<IEnrollmentStep> Resolve(IServiceProvider services, string picture) =>
        [.. For(picture).Select(type => (IEnrollmentStep)services.GetRequiredService(type))];

    /// <summary>The picture modes a job may choose.</summary>
    public static IReadOnlyList<string> PictureModes { get; } = [EnrollmentOptions.MattePicture, EnrollmentOptions.PlainPicture];
}
