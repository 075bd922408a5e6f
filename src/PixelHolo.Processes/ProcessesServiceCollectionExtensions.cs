using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Processes.Ffmpeg;

namespace PixelHolo.Processes;

public static class ProcessesServiceCollectionExtensions
{
    /// <summary>Adds the one <see cref="ToolRunner"/> (and the system <see cref="TimeProvider"/> unless one is registered).</summary>
    public static IServiceCollection AddToolRunner(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolRunner>();
        return services;
    }

    /// <summary>Adds ffmpeg and ffprobe (options section Ffmpeg), the probe and the raw-frame reader; the frame writer is
    /// made per file from the runner. Media (enrollment, renderers) and Tracking (camera, preview) both use them.</summary>
    public static IServiceCollection AddFfmpegTools(this IServiceCollection services)
    {
        services.AddToolRunner();
        services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<FfmpegFrameReader>();
        return services;
    }
}
