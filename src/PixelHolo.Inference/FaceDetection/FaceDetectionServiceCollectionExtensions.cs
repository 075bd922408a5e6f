using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Vision;

namespace PixelHolo.Inference.FaceDetection;

public static class FaceDetectionServiceCollectionExtensions
{
    /// <summary>Adds the BlazeFace <see cref="IFaceDetector"/> (options in section "FaceDetection"). The model is
    /// opened on first use, so hosts without it still start; needs <see cref="InferenceServiceCollectionExtensions.AddInference"/>.</summary>
    public static IServiceCollection AddFaceDetection(this IServiceCollection services)
    {
        services.AddOptions<FaceDetectionOptions>().BindConfiguration(FaceDetectionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IFaceDetector, BlazeFaceDetector>(); // the container disposes it (and its session)
        return services;
    }
}
