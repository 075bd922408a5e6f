using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PixelHolo.Media.Idle;

public static class IdleServiceCollectionExtensions
{
    /// <summary>Adds still selection and the idle-loop writer (options in section "Idle"). Needs an <c>IFaceDetector</c>.</summary>
    public static IServiceCollection AddIdle(this IServiceCollection services)
    {
        services.AddOptions<IdleOptions>().BindConfiguration(IdleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<StillSelector>();
        services.TryAddSingleton<IdleLoopWriter>();
        return services;
    }
}
