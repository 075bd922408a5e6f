using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Enrollment;
using PixelHolo.Media.BackgroundRemoval;
using PixelHolo.Media.Idle;
using PixelHolo.Media.LipSync;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media.Enrollment;

public static class EnrollmentStepsServiceCollectionExtensions
{
    /// <summary>The steps of each picture mode, in order: validate, audio, voice reference, the picture steps — "matte"
    /// (content check, matte + frame store, still, idle loop) or "plain" (footage + frame store, first frame as still) — then
    /// "lipsync" (last: it learns from the frame store the picture steps wrote).</summary>
    internal static readonly IReadOnlyDictionary<string, Type[]> StepsByPicture = new Dictionary<string, Type[]>(StringComparer.Ordinal)
    {
        ["matte"] = [typeof(ValidateStep), typeof(ExtractAudioStep), typeof(VoiceReferenceStep),
            typeof(ContentCheckStep), typeof(MatteStep), typeof(StillStep), typeof(IdleLoopStep), typeof(LipSyncStep)],
        ["plain"] = [typeof(ValidateStep), typeof(ExtractAudioStep), typeof(VoiceReferenceStep),
            typeof(FootageStep), typeof(FirstFrameStillStep), typeof(LipSyncStep)],
    };

    /// <summary>Adds the enrollment steps: the default list (<c>IEnumerable&lt;IEnrollmentStep&gt;</c>) is the picture mode of
    /// Enrollment:Picture; <see cref="EnrollmentStepPlan"/> gives either mode's list, for a job run with other settings.</summary>
    public static IServiceCollection AddEnrollmentSteps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrollmentOptions>().BindConfiguration(EnrollmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Both picture paths' services, so a re-run may choose either (models load only when a step uses them).
        services.AddEnrollmentMediaSteps();
        services.AddLipSync(); // lip-sync needs an IFaceDetector
        foreach (Type step in StepsByPicture.Values.SelectMany(s => s).Distinct()) { services.TryAddSingleton(step); }
        var options = new EnrollmentOptions();
        configuration.GetSection(EnrollmentOptions.SectionName).Bind(options);
        foreach (Type step in StepsByPicture[options.Picture == "plain" ? "plain" : "matte"])
        {
            services.AddSingleton<IEnrollmentStep>(sp => (IEnrollmentStep)sp.GetRequiredService(step));
        }
        foreach (var (picture, steps) in StepsByPicture)
        {
            foreach (Type step in steps) { services.AddKeyedSingleton<IEnrollmentStep>(picture, (sp, _) => (IEnrollmentStep)sp.GetRequiredService(step)); }
        }
        services.TryAddSingleton<EnrollmentStepPlan>();
        return services;
    }
}
