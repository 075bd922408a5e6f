using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;
using PixelHolo.Media.Ffmpeg;
using PixelHolo.Media.Validation;

namespace PixelHolo.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Adds the ffmpeg runner, probe, frame reader, the upload validator, the loop renderer (MP4 clips) and the streaming loop renderer (IStreamingAvatarRenderer "loop"; AddLipSync replaces it with the automatic choice).</summary>
    public static IServiceCollection AddFfmpeg(this IServiceCollection services)
    {
        services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<FfmpegFrameReader>();
        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<UploadValidator>();
        services.AddOptions<LoopRendererOptions>().BindConfiguration(LoopRendererOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IAvatarRenderer, LoopRenderer>();
        services.TryAddSingleton<StreamingLoopRenderer>();
        services.TryAddSingleton<IStreamingAvatarRenderer>(sp => sp.GetRequiredService<StreamingLoopRenderer>());
        return services;
    }
}
