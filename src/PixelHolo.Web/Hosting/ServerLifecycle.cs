using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Paths;
using PixelHolo.Storage.Enrollment;

namespace PixelHolo.Web.Hosting;

/// <summary>What the server does around its hosted services. Starting (before Kestrel binds and before the enrollment worker
/// runs): create the runtime folders and run start-up recovery once, asynchronously, so a job that was running when the
/// process died leaves no half profile. Stopping (before any hosted service stops): stop accepting connections, giving
/// requests in flight a second, so no upload starts while the worker winds down.</summary>
internal sealed class ServerLifecycle(IServiceProvider services, IOptions<RuntimeOptions> runtime, IEnrollmentRecovery recovery, TimeProvider time)
    : IHostedLifecycleService
{
    /// <summary>How long requests in flight (an SSE stream, an upload) may take to end before Kestrel aborts them.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        RuntimeFolders.EnsureCreated(runtime.Value);
        await recovery.RecoverAsync(cancellationToken);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var limit = new CancellationTokenSource(DrainTime, time);
        using CancellationTokenRegistration link = limit.Token.Register(drain.Cancel);
        try
        {
            // Stage pages first: each is told the server is stopping (1001) and closes its socket in the handshake, which
            // Kestrel would otherwise cut when it stops.
            await services.GetRequiredService<Stage.StageSessions>().CloseAllAsync(drain.Token);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // A page that did not close within the drain time is aborted by Kestrel below.
        }
        // Kestrel's StopAsync is idempotent: the web host's own stop later finds it stopped.
        await services.GetRequiredService<IServer>().StopAsync(drain.Token);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The host's lifetime without signal handling: the <c>pixelholo</c> command owns Ctrl+C and SIGTERM (a second
/// Ctrl+C exits at once), and a test host must not react to the test runner's signals.</summary>
internal sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
