using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation;
using PixelHolo.Conversation.Intent;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Search;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Inference;
using PixelHolo.Enrollment;
using PixelHolo.Media;
using PixelHolo.Media.Enrollment;
using PixelHolo.Media.LipSync;
using PixelHolo.Processes;
using PixelHolo.Speech;
using PixelHolo.Storage;
using PixelHolo.Tracking;

namespace PixelHolo.Web.Hosting;

/// <summary>Every capability of PixelHolo, for the web host and the CLI alike.</summary>
public static class PixelHoloServiceCollectionExtensions
{
    /// <summary>The defaults that need the environment or the file system (Core's options are plain values): the runtime
    /// folder beside the repository, and the repository's intent model when it has one. Set values win.</summary>
    private static void AddLocationDefaults(IServiceCollection services)
    {
        services.AddOptions<RuntimeOptions>().PostConfigure<IConfiguration>((runtime, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{RuntimeOptions.SectionName}:Directory"])) { runtime.Directory = RuntimeLocator.DefaultRuntimeDirectory(); }
        });
        services.AddOptions<IntentOptions>().PostConfigure(intent =>
        {
            string inRepository = Path.Combine(RuntimeLocator.IntentDataDirectory(), IntentModelPaths.ModelFileName);
            if (string.IsNullOrWhiteSpace(intent.ModelPath) && File.Exists(inRepository)) { intent.ModelPath = inRepository; }
        });
    }

    public static IServiceCollection AddPixelHolo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddToolRunner();
        services.AddInference();
        services.AddStorage();
        services.AddFfmpegTools();
        services.AddMedia();
        services.AddConversation();
        services.AddSpeech();
        services.AddFaceDetection();
        services.AddLipSync();
        services.AddEnrollmentMedia();
        services.AddEnrollment();
        services.AddTracking();
        AddLocationDefaults(services);
        return services;
    }
}
