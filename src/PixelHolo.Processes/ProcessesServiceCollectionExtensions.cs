using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
}
