using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Vision;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.TestSupport;

namespace PixelHolo.Inference.Tests.FaceDetection;

/// <summary>The real packaged BlazeFace models, opened once through <c>AddInference</c> + <c>AddFaceDetection</c>.</summary>
public sealed class FaceDetectionFixture : IDisposable
{
    private readonly ServiceProvider _front;
    private readonly ServiceProvider _back;

    public FaceDetectionFixture()
    {
        _front = Build("front");
        _back = Build("back");
        Front = _front.GetRequiredService<IFaceDetector>();
        Back = _back.GetRequiredService<IFaceDetector>();
    }

    public IFaceDetector Front { get; }

    public IFaceDetector Back { get; }

    public void Dispose()
    {
        _front.Dispose();
        _back.Dispose();
    }

    private static ServiceProvider Build(string model)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:ModelsDirectory"] = RepoPaths.ModelsDirectory,
            ["Inference:Device"] = "cpu",
            ["FaceDetection:Model"] = model,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddInference();
        services.AddFaceDetection();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

[CollectionDefinition(nameof(FaceDetectionModels))]
public sealed class FaceDetectionModels : ICollectionFixture<FaceDetectionFixture>;
