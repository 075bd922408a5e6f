using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Search;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Hosting;

/// <summary>The location defaults hosting fills in (Core's options are plain values).</summary>
public sealed class RuntimeLocatorTests
{
    [Fact]
    public void FindRepositoryRoot_FromTestFolder_FindsSolution()
    {
        string? root = RuntimeLocator.FindRepositoryRoot();

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "PixelHolo.slnx")));
    }

    [Fact]
    public void AddPixelHolo_NothingConfigured_RuntimeBesideTheRepositoryAndTheRepositorysIntentModel()
    {
        using ServiceProvider services = Build(new Dictionary<string, string?>());

        string expected = Environment.GetEnvironmentVariable("PIXELHOLO_RUNTIME_DIR") is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv) : Path.Combine(RuntimeLocator.FindRepositoryRoot()!, "runtime");
        Assert.Equal(expected, services.GetRequiredService<IOptions<RuntimeOptions>>().Value.Directory);
        Assert.Equal(Path.Combine(RuntimeLocator.IntentDataDirectory(), "intent-model.zip"), services.GetRequiredService<IOptions<IntentOptions>>().Value.ModelPath);
    }

    [Fact]
    public void AddPixelHolo_Configured_TheSetValuesWin()
    {
        using ServiceProvider services = Build(new Dictionary<string, string?>
        {
            ["Runtime:Directory"] = "/srv/pixelholo",
            ["Intent:ModelPath"] = "/srv/intent.zip",
        });

        Assert.Equal("/srv/pixelholo", services.GetRequiredService<IOptions<RuntimeOptions>>().Value.Directory);
        Assert.Equal("/srv/intent.zip", services.GetRequiredService<IOptions<IntentOptions>>().Value.ModelPath);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPixelHolo(configuration);
        return services.BuildServiceProvider();
    }
}
