using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Enrollment;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Idle;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Enrollment;

public static class EnrollmentMediaServiceCollectionExtensions
{
    /// <summary>Adds the picture steps of enrollment, in order: "content" (one face, large enough, enough speech), "matte"
    /// (matte.mp4 + frames/), "still" (still.jpg) and "idle-loop" (idle.mp4). They replace the skeleton's frames and still
    /// steps; register them after "validate" and "audio". Needs AddInference, AddFfmpeg and an IFaceDetector; an
    /// IVoiceActivityDetector is used when registered.</summary>
    public static IServiceCollection AddEnrollmentMedia(this IServiceCollection services)
    {
        services.AddEnrollmentMediaSteps();
        services.AddSingleton<IEnrollmentStep>(sp => sp.GetRequiredService<ContentCheckStep>());
        services.AddSingleton<IEnrollmentStep>(sp => sp.GetRequiredService<MatteStep>());
        services.AddSingleton<IEnrollmentStep>(sp => sp.GetRequiredService<StillStep>());
        services.AddSingleton<IEnrollmentStep>(sp => sp.GetRequiredService<IdleLoopStep>());
        return services;
    }

    /// <summary>The picture steps and what they need, without adding them to the default step list (a job may choose them).</summary>
    internal static IServiceCollection AddEnrollmentMediaSteps(this IServiceCollection services)
    {
        services.AddMatting();
        services.AddIdle();
        services.AddOptions<ContentCheckOptions>().BindConfiguration(ContentCheckOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FaceAndSpeechCheck>();
        services.TryAddSingleton<ContentCheckStep>();
        services.TryAddSingleton<StillStep>();
        services.TryAddSingleton<IdleLoopStep>();
        return services;
    }
}
