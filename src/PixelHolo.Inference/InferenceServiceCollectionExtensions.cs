using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PixelHolo.Core.Paths;
using PixelHolo.Inference.Models;
using PixelHolo.Inference.Onnx;

namespace PixelHolo.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>Adds the ONNX session factory, the model catalog and the model store.</summary>
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelStoreOptions>().BindConfiguration(ModelStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(ModelStore.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(30));
        services.TryAddSingleton(_ => ModelCatalog.LoadEmbedded());
        services.TryAddSingleton<ModelStore>();
        services.TryAddSingleton<IOnnxSessionFactory, OnnxSessionFactory>();
        return services;
    }
}
