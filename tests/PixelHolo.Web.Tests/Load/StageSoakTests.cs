using PixelHolo.TestSupport;

namespace PixelHolo.Web.Tests.Load;

/// <summary>The shortened soak (issue 15, item 6) in CI; the full ten minutes is <c>bench soak --minutes 10</c>. It runs alone
/// (a collection without parallelisation runs after the others) so the memory it reads is its own server's.</summary>
[Collection(nameof(SoakCollection))]
[Trait("Category", "EndToEnd")]
public sealed class StageSoakTests
{
    /// <summary>The stated bound on growth of the managed heap (after a full collection) between the end of the warm-up and the
    /// end of the run, with 20 stages open throughout. A leak per turn or per status request (a session, a history, a stream
    /// kept) grows far past it over the hundreds of turns of the run.</summary>
    private const long MaxHeapGrowthBytes = 24L << 20;

    [Fact]
    public async Task Soak_TwentyStagesAndFiftyStatusRequestsASecondFor45Seconds_NoErrorsEveryTurnCompletedMemoryBounded()
    {
        using var runtime = new TempDirectory("pixelholo-soak");
        var plan = new SoakPlan(Stages: 20, Duration: TimeSpan.FromSeconds(45), StatusPerSecond: 50, runtime.Path, RepoPaths.ModelsDirectory);

        SoakReport report = await StageSoak.RunAsync(plan);

        string summary = report.Summary();
        Assert.True(report.Errors.Count == 0, summary);
        Assert.True(report.TurnsCompleted == report.TurnsStarted, summary);
        Assert.True(report.TurnsPerStage.All(n => n > 0), $"a stage completed no turn: {summary}");
        Assert.True(report.StatusFailures == 0 && report.StatusRequests > 0, summary);
        Assert.True(report.HeapEndBytes - report.HeapStartBytes < MaxHeapGrowthBytes, $"the managed heap grew by more than {MaxHeapGrowthBytes >> 20} MiB: {summary}");
        string staging = Path.Combine(runtime.Path, "staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Length == 0, "the soak left a temporary file");
    }
}

/// <summary>Runs after every parallel collection, alone.</summary>
[CollectionDefinition(nameof(SoakCollection), DisableParallelization = true)]
public sealed class SoakCollection;
