using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PixelHolo.Media.BackgroundRemoval;

public static class MattingServiceCollectionExtensions
{
    /// <summary>Adds the ISNet model and the fast matte (key frames, background plate, guided filter, temporal smoothing).</summary>
    public static IServiceCollection AddMatting(this IServiceCollection services)
    {
        services.AddOptions<MattingOptions>().BindConfiguration(MattingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IsNetMatteModel>();
        services.TryAddSingleton<IMatteModel>(sp => sp.GetRequiredService<IsNetMatteModel>());
        return services;
    }
}
