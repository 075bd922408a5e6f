using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Enrollment;
using PixelHolo.Media.LipSync;

namespace PixelHolo.Media.Enrollment;

public static class EnrollmentStepsServiceCollectionExtensions
{
    /// <summary>Adds the enrollment steps in order: validate, audio, voice reference, then the picture steps chosen by
    /// Enrollment:Picture — "matte" (content check, matte + frame store, still, idle loop) or "plain" (footage + frame store,
    /// first frame as still), then "lipsync".</summary>
    public static IServiceCollection AddEnrollmentSteps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrollmentOptions>().BindConfiguration(EnrollmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEnrollmentStep, ValidateStep>();
        services.AddSingleton<IEnrollmentStep, ExtractAudioStep>();
        services.AddSingleton<IEnrollmentStep, VoiceReferenceStep>();
        var options = new EnrollmentOptions();
        configuration.GetSection(EnrollmentOptions.SectionName).Bind(options);
        if (options.Picture == "plain")
        {
            services.AddSingleton<IEnrollmentStep, FootageStep>();
            services.AddSingleton<IEnrollmentStep, FirstFrameStillStep>();
        }
        else
        {
            services.AddEnrollmentMedia();
        }
        // Last: lip-sync learns from the frame store the picture steps wrote (needs an IFaceDetector).
        services.AddLipSync();
        services.AddSingleton<IEnrollmentStep, LipSyncStep>();
        return services;
    }
}
