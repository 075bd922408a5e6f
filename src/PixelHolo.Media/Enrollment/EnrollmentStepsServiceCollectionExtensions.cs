using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Enrollment;

namespace PixelHolo.Media.Enrollment;

public static class EnrollmentStepsServiceCollectionExtensions
{
    /// <summary>Adds the basic enrollment steps in order: validate, audio, frames (footage + JPEG store), still.</summary>
    public static IServiceCollection AddBasicEnrollmentSteps(this IServiceCollection services)
    {
        services.AddSingleton<IEnrollmentStep, ValidateStep>();
        services.AddSingleton<IEnrollmentStep, ExtractAudioStep>();
        services.AddSingleton<IEnrollmentStep, FootageStep>();
        services.AddSingleton<IEnrollmentStep, FirstFrameStillStep>();
        return services;
    }
}
