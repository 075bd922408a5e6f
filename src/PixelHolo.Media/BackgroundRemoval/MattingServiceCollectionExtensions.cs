using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PixelHolo.Media.BackgroundRemoval;

public static class MattingServiceCollectionExtensions
{
    /// <summary>Adds the ISNet model, the fast matte (key frames, background plate, guided filter, temporal smoothing) and its evaluator.
    /// Needs <c>AddInference()</c> and <c>AddFfmpegTools()</c>.</summary>
    public static IServiceCollection AddMatting(this IServiceCollection services)
    {
        services.AddOptions<DisplaySettings>().BindConfiguration(DisplaySettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MattingOptions>().BindConfiguration(MattingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IsNetMatteModel>();
        services.TryAddSingleton<IMatteModel>(sp => sp.GetRequiredService<IsNetMatteModel>());
        services.TryAddSingleton<VideoMatter>();
        services.TryAddSingleton<IVideoMatter>(sp => sp.GetRequiredService<VideoMatter>());
        services.TryAddSingleton<IMatteEvaluator, MatteEvaluator>();
        services.TryAddSingleton<MatteStep>();
        return services;
    }
}
