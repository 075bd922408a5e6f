using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Media.Ffmpeg;

namespace PixelHolo.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Adds the ffmpeg runner, probe and frame reader.</summary>
    public static IServiceCollection AddFfmpeg(this IServiceCollection services)
    {
        services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<FfmpegFrameReader>();
        return services;
    }
}
