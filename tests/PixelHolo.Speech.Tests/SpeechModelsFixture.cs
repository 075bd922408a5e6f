using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Inference;
using PixelHolo.Inference.Onnx;
using PixelHolo.Speech.VoiceActivity;
using PixelHolo.TestSupport;

namespace PixelHolo.Speech.Tests;

/// <summary>The real speech services (AddInference + AddSpeech) over the packaged models, built once per collection.</summary>
public sealed class SpeechModelsFixture : IDisposable
{
    private readonly IHost _host;

    public SpeechModelsFixture()
    {
        ModelsDirectory = Path.GetDirectoryName(RepoPaths.Model(SileroVoiceActivityDetector.DefaultModelFile))!;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:ModelsDirectory"] = ModelsDirectory,
            ["Inference:Device"] = "cpu",
            ["SpeechToText:Timeout"] = "00:10:00", // pocketsphinx on 30 s of speech: minutes when the shared machine is loaded
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddInference();
        builder.Services.AddSpeech();
        _host = builder.Build();
    }

    public string ModelsDirectory { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>A detector of its own with the given options (the session factory is the real one).</summary>
    internal SileroVoiceActivityDetector CreateDetector(Action<VoiceActivityOptions>? configure = null)
    {
        var options = new VoiceActivityOptions();
        configure?.Invoke(options);
        return new SileroVoiceActivityDetector(
            Options.Create(options),
            Options.Create(new RuntimeOptions { ModelsDirectory = ModelsDirectory }),
            Services.GetRequiredService<IOnnxSessionFactory>(),
            NullLogger<SileroVoiceActivityDetector>.Instance);
    }

    public void Dispose() => _host.Dispose();
}

[CollectionDefinition(nameof(SpeechModelsGroup))]
public sealed class SpeechModelsGroup : ICollectionFixture<SpeechModelsFixture>;
