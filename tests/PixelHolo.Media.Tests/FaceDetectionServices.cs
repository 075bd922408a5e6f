using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests;

/// <summary>The real BlazeFace detector (packaged model) in a service container, for tests that need faces found.</summary>
internal static class FaceDetectionServices
{
    public static ServiceProvider Create()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:ModelsDirectory"] = Path.GetDirectoryName(RepoPaths.Model("face_detection_front_128x128.onnx")),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddInference();
        services.AddFaceDetection();
        return services.BuildServiceProvider();
    }
}
