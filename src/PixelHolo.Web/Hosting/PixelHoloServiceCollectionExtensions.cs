using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Conversation;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Inference;
using PixelHolo.Enrollment;
using PixelHolo.Media;
using PixelHolo.Media.LipSync;
using PixelHolo.Processes;
using PixelHolo.Speech;
using PixelHolo.Storage;
using PixelHolo.Tracking;

namespace PixelHolo.Web.Hosting;

/// <summary>Every capability of PixelHolo, for the web host and the CLI alike.</summary>
public static class PixelHoloServiceCollectionExtensions
{
    public static IServiceCollection AddPixelHolo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddToolRunner();
        services.AddInference();
        services.AddStorage();
        services.AddFfmpeg();
        services.AddConversation();
        services.AddSpeech();
        services.AddFaceDetection();
        services.AddLipSync();
        services.AddEnrollment();
        services.AddTracking();
        return services;
    }
}
