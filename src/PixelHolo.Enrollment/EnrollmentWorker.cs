using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Enrollment;

/// <summary>Where submitted jobs wait for the worker.</summary>
public interface IBackgroundEnrollment
{
    /// <summary>How many jobs may wait (Enrollment:MaxQueuedJobs).</summary>
    int Capacity { get; }

    /// <summary>Queues a job; false when <see cref="Capacity"/> jobs are already waiting.</summary>
    bool TryEnqueue(EnrollmentRequest request);
}

/// <summary>Runs enrollment jobs one at a time in the background (each is CPU-heavy), reporting progress to the hub. On
/// shutdown the job in flight gets <see cref="EnrollmentOptions.ShutdownGrace"/> to finish; then it is cancelled (nothing
/// half kept) and marked interrupted. Jobs still queued stay queued and are failed by the next start's recovery.</summary>
public sealed partial class EnrollmentWorker : BackgroundService, IBackgroundEnrollment
{
    private readonly EnrollmentPipeline _pipeline;
    private readonly EnrollmentProgressHub _hub;
    private readonly IOptions<EnrollmentOptions> _options;
    private readonly ILogger<EnrollmentWorker> _logger;
    private readonly TimeProvider _time;

    // Cancelled only by shutdown, after the grace period: the job's own token, separate from the worker's stopping token.
    private readonly CancellationTokenSource _jobCancel;

    // Bounded: an upload beyond this many waiting jobs is refused rather than piling up on disk.
    private readonly Channel<EnrollmentRequest> _queue;

    public EnrollmentWorker(EnrollmentPipeline pipeline, EnrollmentProgressHub hub, IOptions<EnrollmentOptions> options, TimeProvider time, ILogger<EnrollmentWorker> logger)
    {
        _pipeline = pipeline;
        _hub = hub;
        _options = options;
        _logger = logger;
        _time = time;
        _jobCancel = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        Capacity = options.Value.MaxQueuedJobs;
        _queue = Channel.CreateBounded<EnrollmentRequest>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    }

    public int Capacity { get; }

    public bool TryEnqueue(EnrollmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_queue.Writer.TryWrite(request)) { return false; }
        _hub.Report(request.JobId, JobUpdate.Queued(request.JobId, request.ProfileId));
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

    /// <summary>Stops taking jobs and gives the one in flight the grace period before it is cancelled; then waits for it
    /// to unwind (its tools killed, its staging discarded, the job marked and its end reported) for up to
    /// <see cref="UnwindLimit"/> more — not only for the host's stop timeout (the grace + 2 s): on a loaded machine the
    /// unwinding took longer than that, the console reporter stopped first and the "cancelled" line was never printed
    /// (issue 15). On an idle machine it takes well under a second.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        TimeSpan grace = _options.Value.ShutdownGrace;
        _jobCancel.CancelAfter(grace);
        using var unwound = new CancellationTokenSource(grace + UnwindLimit, _time);
        await base.StopAsync(unwound.Token);
    }

    /// <summary>How long, after the grace, shutdown waits for the cancelled job to unwind.</summary>
    internal static readonly TimeSpan UnwindLimit = TimeSpan.FromSeconds(30);

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
            EnrollmentResult result = await _pipeline.RunAsync(request, new SynchronousProgress(request, _hub), cancellationToken);
            _hub.Report(request.JobId, JobUpdate.Succeeded(request.JobId, request.ProfileId));
            LogDone(_logger, request.ProfileId, result.VideoSeconds, result.ElapsedSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pipeline already discarded the staging folder, failed the profile and marked the job interrupted.
            _hub.Report(request.JobId, JobUpdate.Ended(request.JobId, request.ProfileId, JobUpdateState.Cancelled, EnrollmentPipeline.InterruptedMessage));
            LogInterrupted(_logger, request.ProfileId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A loop that must survive one bad item: a failed upload (whatever threw) must not stop the worker or the
            // server; the pipeline already recorded the error on the job, the page gets it, the next job runs.
            _hub.Report(request.JobId, JobUpdate.Ended(request.JobId, request.ProfileId, JobUpdateState.Failed, ex.Message));
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
