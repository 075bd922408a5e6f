using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PixelHolo.Enrollment;

public static class EnrollmentServiceCollectionExtensions
{
    /// <summary>Adds enrollment: its options (section "Enrollment", validated at start), the steps in their declared order
    /// (<see cref="EnrollmentSteps"/>, chosen by Enrollment:Picture when first needed, never while registering), the pipeline,
    /// the progress hub, the worker and the submitter that the web app and the CLI both call. The host that runs jobs in the
    /// background adds <see cref="EnrollmentWorker"/> (and the console reporter) as hosted services. Needs the media steps
    /// (Media's AddEnrollmentMedia), AddInference, AddFfmpegTools, AddMedia, AddStorage, AddSpeech and an IFaceDetector: the
    /// host adds those (only the hosts call other projects' Add…).</summary>
    public static IServiceCollection AddEnrollment(this IServiceCollection services)
    {
        services.AddOptions<EnrollmentOptions>().BindConfiguration(EnrollmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EnrollmentPlan(EnrollmentSteps.Resolve(sp, sp.GetRequiredService<IOptions<EnrollmentOptions>>())));
        services.TryAddSingleton<EnrollmentPipeline>();
        services.TryAddSingleton<EnrollmentProgressHub>();
        services.TryAddSingleton<EnrollmentWorker>();
        services.TryAddSingleton<IBackgroundEnrollment>(sp => sp.GetRequiredService<EnrollmentWorker>());
        services.TryAddSingleton<IEnrollmentSubmitter, EnrollmentSubmitter>();
        return services;
    }
}
