using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Idle;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Enrollment;

public static class EnrollmentMediaServiceCollectionExtensions
{
    /// <summary>Adds every media step of enrollment as its own singleton (validate, audio, voice, content, matte, frames,
    /// still, first-frame still, idle loop, lipsync) and what they need. Which of them run, and in what order, is declared
    /// in one place, PixelHolo.Enrollment's <c>EnrollmentSteps</c>; nothing here is an ordered registration. Needs
    /// AddInference, AddFfmpeg, an IFaceDetector and an IVoiceReferenceBuilder; an IVoiceActivityDetector is used when
    /// registered.</summary>
    public static IServiceCollection AddEnrollmentMedia(this IServiceCollection services)
    {
        services.AddMatting();   // also in "plain" mode: `pixelholo matte eval` works either way (the model loads only when used)
        services.AddIdle();
        services.AddLipSync();
        services.AddOptions<ContentCheckOptions>().BindConfiguration(ContentCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FaceAndSpeechCheck>();
        services.TryAddSingleton<ValidateStep>();
        services.TryAddSingleton<ExtractAudioStep>();
        services.TryAddSingleton<VoiceReferenceStep>();
        services.TryAddSingleton<ContentCheckStep>();
        services.TryAddSingleton<FootageStep>();
        services.TryAddSingleton<FirstFrameStillStep>();
        services.TryAddSingleton<StillStep>();
        services.TryAddSingleton<IdleLoopStep>();
        services.TryAddSingleton<LipSyncStep>();
        return services;
    }
}
