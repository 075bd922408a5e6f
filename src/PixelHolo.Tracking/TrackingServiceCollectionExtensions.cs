using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Stage;
using PixelHolo.Core.Tracking;
using PixelHolo.Tracking.Camera;
using PixelHolo.Tracking.Serial;

namespace PixelHolo.Tracking;

public static class TrackingServiceCollectionExtensions
{
    /// <summary>Adds face tracking: options (sections Tracking, Tracking:Camera, Tracking:Serial), the hosted tracking
    /// service (runs when the host runs, e.g. <c>pixelholo serve</c>), <see cref="ITrackingStatus"/> for the status page
    /// and an <see cref="IStageObserver"/> that pauses tracking while the avatar speaks. Needs AddInference, AddFaceDetection and
    /// AddFfmpegTools (AddPixelHolo adds them): only the hosts call other projects' Add….</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CameraOptions>().BindConfiguration(CameraOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SerialOptions>().BindConfiguration(SerialOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrackingStatusBoard>();
        services.TryAddSingleton<ITrackingStatus>(sp => sp.GetRequiredService<TrackingStatusBoard>());
        services.TryAddSingleton<TrackingEngine>();
        services.TryAddSingleton<TrackingService>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingService>());
        services.AddSingleton<IStageObserver>(sp => sp.GetRequiredService<TrackingService>());
        return services;
    }
}
