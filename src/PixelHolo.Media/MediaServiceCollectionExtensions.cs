using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Adds the upload validator and the streaming loop renderer (IStreamingAvatarRenderer "loop"; AddLipSync
    /// replaces it with the automatic choice). Needs AddFfmpegTools (Processes).</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<UploadValidator>();
        services.AddOptions<LoopRendererOptions>().BindConfiguration(LoopRendererOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StreamingLoopRenderer>();
        services.TryAddSingleton<IStreamingAvatarRenderer>(sp => sp.GetRequiredService<StreamingLoopRenderer>());
        return services;
    }
}
