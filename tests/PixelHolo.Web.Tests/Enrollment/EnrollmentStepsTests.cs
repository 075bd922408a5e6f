using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Enrollment;
using PixelHolo.Enrollment;
using PixelHolo.TestSupport;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Tests.Enrollment;

/// <summary>The step order is the declared list (EnrollmentSteps), whatever the registration order; Enrollment options are
/// bound when first read and validated at start like every other section.</summary>
public sealed class EnrollmentStepsTests
{
    [Fact]
    public void Plan_MatteMode_RunsTheDeclaredStepsInOrder()
    {
        using ServiceProvider services = Build(new() { ["Enrollment:Picture"] = "matte" });

        EnrollmentPlan plan = services.GetRequiredService<EnrollmentPlan>();

        Assert.Equal(["validate", "audio", "voice", "content", "matte", "still", "idle-loop", "lipsync"], plan.StageNames);
    }

    [Fact]
    public void Plan_PlainMode_RunsFootageAndTheFirstFrameInsteadOfTheMatteSteps()
    {
        using ServiceProvider services = Build(new() { ["Enrollment:Picture"] = "plain" });

        EnrollmentPlan plan = services.GetRequiredService<EnrollmentPlan>();

        Assert.Equal(["validate", "audio", "voice", "frames", "still", "lipsync"], plan.StageNames);
        Assert.Equal(plan.Steps, services.GetRequiredService<EnrollmentPipeline>().Steps);
    }

    [Fact]
    public void Plan_IgnoresOtherIEnrollmentStepRegistrations()
    {
        // A step registered as IEnrollmentStep (the old way, by registration order) does not sneak into the run.
        using ServiceProvider services = Build([], s => s.AddSingleton<IEnrollmentStep, NamedStep>());

        EnrollmentPlan plan = services.GetRequiredService<EnrollmentPlan>();

        Assert.DoesNotContain(plan.Steps, s => s is NamedStep);
        Assert.Equal("validate", plan.StageNames[0]);
        Assert.Equal("lipsync", plan.StageNames[^1]);
    }

    [Fact]
    public void DeclaredLists_EachStepOnce_ValidateFirst_LipSyncLastAfterThePicture()
    {
        foreach (IReadOnlyList<Type> list in new[] { EnrollmentSteps.Matte, EnrollmentSteps.Plain })
        {
            Assert.Equal(list.Count, list.Distinct().Count());
            Assert.Equal(EnrollmentSteps.Matte[0], list[0]);
            Assert.Equal(EnrollmentSteps.Matte[^1], list[^1]);
            Assert.All(list, t => Assert.True(typeof(IEnrollmentStep).IsAssignableFrom(t), $"{t.Name} is not an enrollment step"));
        }
        Assert.Same(EnrollmentSteps.Plain, EnrollmentSteps.For("plain"));
        Assert.Same(EnrollmentSteps.Matte, EnrollmentSteps.For("matte"));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnrollmentSteps.For("fancy"));
    }

    [Fact]
    public void Plan_DuplicateStageNames_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new EnrollmentPlan([new NamedStep(), new NamedStep()]));
        Assert.Contains("\"extra\"", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new EnrollmentPlan([]));
    }

    [Theory]
    [InlineData("Enrollment:Picture", "fancy", "Enrollment:Picture must be \"matte\" or \"plain\"")]
    [InlineData("Enrollment:MaxQueuedJobs", "0", "Enrollment:MaxQueuedJobs must be between 1 and 1000")]
    [InlineData("Enrollment:ShutdownGrace", "00:20:00", "between 0 and 10 minutes")]
    public void Options_Invalid_FailValidationWithTheSettingNamed(string key, string value, string words)
    {
        // Registering never reads the section (nothing is bound eagerly), so a bad value cannot pick a mode silently.
        using ServiceProvider services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EnrollmentOptions>>().Value);

        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<EnrollmentPlan>());
    }

    [Fact]
    public async Task Options_Invalid_StopTheHostAtStart()
    {
        using var temp = new TempDirectory();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:Directory"] = temp.Path,
            ["Runtime:ModelsDirectory"] = RepoPaths.ModelsDirectory,
            ["Enrollment:Picture"] = "Matte",   // case matters: the two modes are spelled in lower case
        });
        builder.Services.AddPixelHolo(builder.Configuration);
        using IHost host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Enrollment:Picture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_MatteTwoSecondsGraceSixteenWaiting()
    {
        using ServiceProvider services = Build([]);

        EnrollmentOptions options = services.GetRequiredService<IOptions<EnrollmentOptions>>().Value;

        Assert.Equal("matte", options.Picture);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ShutdownGrace);
        Assert.Equal(16, services.GetRequiredService<IBackgroundEnrollment>().Capacity);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        settings["Runtime:ModelsDirectory"] = RepoPaths.ModelsDirectory;
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        more?.Invoke(services);
        services.AddPixelHolo(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class NamedStep : IEnrollmentStep
    {
        public string Name => "extra";

        public double Weight => 1;

        public Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
