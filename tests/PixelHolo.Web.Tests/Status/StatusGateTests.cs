using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Web.Status;

namespace PixelHolo.Web.Tests.Status;

/// <summary>The status gate the soak called for: a flood of requests costs one computation after another, and no answer
/// is older than its request.</summary>
public sealed class StatusGateTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_FiftyRequestsWhileOneComputes_OneMoreComputationAnswersThemAll()
    {
        await using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        var gate = new StatusGate(services);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int computations = 0;
        async Task<string> ComputeAsync()
        {
            int n = Interlocked.Increment(ref computations);
            if (n == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
            return $"document {n}";
        }

        Task<string> first = gate.RunAsync("status", ComputeAsync, default);
        await firstStarted.Task.WaitAsync(Generous);
        Task<string>[] flood = [.. Enumerable.Range(0, 50).Select(_ => gate.RunAsync("status", ComputeAsync, default))];
        releaseFirst.SetResult();

        Assert.Equal("document 1", await first.WaitAsync(Generous));
        // They came after the first had started, so they get the second, computed after they arrived, all of them the same.
        Assert.All(await Task.WhenAll(flood).WaitAsync(Generous), d => Assert.Equal("document 2", d));
        Assert.Equal(2, computations);
        Assert.Equal("document 3", await gate.RunAsync("status", ComputeAsync, default).WaitAsync(Generous));
    }

    [Fact]
    public async Task RunAsync_ComputationFails_ItsRequestsGetTheErrorAndTheNextComputesAfresh()
    {
        await using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        var gate = new StatusGate(services);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<string>("status", () => throw new InvalidOperationException("database gone"), default));

        Assert.Equal("ok", await gate.RunAsync("status", () => Task.FromResult("ok"), default).WaitAsync(Generous));
    }
}
