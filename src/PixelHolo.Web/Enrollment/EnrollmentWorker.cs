using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Profiles;
using PixelHolo.Web.Hosting;

namespace PixelHolo.Web.Enrollment;

/// <summary>Runs enrollment jobs one at a time in the background (each is CPU-heavy), reporting progress to the hub. On
/// shutdown the job in flight gets <see cref="WebOptions.ShutdownGrace"/> to finish; then it is cancelled (nothing half
/// kept) and marked interrupted. Jobs still queued stay queued and are failed by the next start's recovery.</summary>
public sealed partial class EnrollmentWorker(
    EnrollmentPipeline pipeline,
    EnrollmentProgressHub hub,
    IOptions<WebOptions> options,
    TimeProvider time,
    ILogger<EnrollmentWorker> logger) : BackgroundService
{

    // Cancelled only by shutdown, after the grace period: the job's own token, separate from the worker's stopping token.
    private readonly CancellationTokenSource _jobCancel = new(Timeout.InfiniteTimeSpan, time);

    // Bounded: an upload beyond this many waiting jobs is refused rather than piling up on disk.
    private readonly Channel<EnrollmentRequest> _queue = Channel.CreateBounded<EnrollmentRequest>(
        new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Queues a job; false when 16 jobs are already waiting.</summary>
    public bool TryEnqueue(EnrollmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_queue.Writer.TryWrite(request)) { return false; }
        hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "running", "queued", 0, null, null));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (!stoppingToken.IsCancellationRequested && _queue.Reader.TryRead(out EnrollmentRequest? request))
                {
                    await RunAsync(request);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown while idle: nothing in flight.
        }
    }

    /// <summary>Stops taking jobs and gives the one in flight the grace period before it is cancelled.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _jobCancel.CancelAfter(options.Value.ShutdownGrace);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _jobCancel.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(EnrollmentRequest request)
    {
        CancellationToken cancellationToken = _jobCancel.Token;
        try
        {
            EnrollmentResult result = await pipeline.RunAsync(request, new SynchronousProgress(request, hub), cancellationToken);
            hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "succeeded", "done", 100, 0, null));
            LogDone(logger, request.ProfileId, result.VideoSeconds, result.ElapsedSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pipeline already discarded the staging folder, failed the profile and marked the job interrupted.
            hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "cancelled", "cancelled", 0, null, EnrollmentPipeline.InterruptedMessage));
            LogInterrupted(logger, request.ProfileId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A loop that must survive one bad item: a failed upload (whatever threw) must not stop the worker or the
            // server; the pipeline already recorded the error on the job, the page gets it, the next job runs.
            hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "failed", "failed", 0, null, ex.Message));
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    private sealed class SynchronousProgress(EnrollmentRequest request, EnrollmentProgressHub hub) : IProgress<EnrollmentProgress>
    {
        public void Report(EnrollmentProgress value) => hub.Report(request.JobId, JobUpdate.From(request.JobId, request.ProfileId, value));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId}: enrollment interrupted by shutdown after the grace period; nothing was kept")]
    private static partial void LogInterrupted(ILogger logger, string profileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} ready: {VideoSeconds:F1} s of video enrolled in {ElapsedSeconds:F1} s")]
    private static partial void LogDone(ILogger logger, string profileId, double videoSeconds, double elapsedSeconds);
}
