using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Inference;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.Media.Enrollment;
using PixelHolo.Processes;
using PixelHolo.TestSupport;

namespace PixelHolo.Media.Tests.BackgroundRemoval;

/// <summary>The real ISNet model and ffmpeg, wired as the application wires them, loaded once for the collection.
/// Two key frames per clip (the minimum) keep the model runs, ~3–8 s each on 2 cores, few.</summary>
public sealed class MattingFixture : IDisposable
{
    public MattingFixture()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:ModelsDirectory"] = Path.GetDirectoryName(RepoPaths.Model("isnet_medium.onnx")),
            ["Matting:MinKeyFrames"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddInference();
        services.AddFfmpegTools();
        services.AddMedia();
        services.AddFaceDetection();
        services.AddEnrollmentMedia();
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public void Dispose() => Services.Dispose();
}

[CollectionDefinition(nameof(MattingModelGroup))]
public sealed class MattingModelGroup : ICollectionFixture<MattingFixture>;
