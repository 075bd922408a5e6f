using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Rendering;
using PixelHolo.Media.Composition;
using PixelHolo.Media.LipSync.Evaluation;

namespace PixelHolo.Media.LipSync;

public static class LipSyncServiceCollectionExtensions
{
    /// <summary>Adds the example-based lip-sync engine (options in section "LipSync"), its evaluation, and the automatic
    /// choice of streaming renderer (IStreamingAvatarRenderer: lip-sync, else loop, else the still, by measured speed).
    /// Needs AddFfmpeg and an IFaceDetector.</summary>
    public static IServiceCollection AddLipSync(this IServiceCollection services)
    {
        services.AddOptions<LipSyncOptions>().BindConfiguration(LipSyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LipSyncRenderer>();
        services.TryAddSingleton<ILipSyncEvaluator, LipSyncEvaluator>();
        services.TryAddSingleton<StreamingLoopRenderer>();
        services.TryAddSingleton<StillRenderer>();
        services.TryAddSingleton(sp => new AnswerClipWriter(sp.GetRequiredService<Processes.Ffmpeg.FfmpegRunner>(), sp.GetRequiredService<LipSyncRenderer>(), sp.GetRequiredService<StreamingLoopRenderer>(),
            sp.GetRequiredService<IOptions<LoopRendererOptions>>().Value.Preset));
        services.TryAddSingleton<AutoAvatarRenderer>();
        services.TryAddSingleton<IRenderingStatus>(sp => sp.GetRequiredService<AutoAvatarRenderer>());
        // The automatic choice replaces loop mode as the stage's renderer.
        services.Replace(ServiceDescriptor.Singleton<IStreamingAvatarRenderer>(sp => sp.GetRequiredService<AutoAvatarRenderer>()));
        return services;
    }
}
