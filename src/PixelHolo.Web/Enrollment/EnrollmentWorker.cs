using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Web.Enrollment;

/// <summary>Runs enrollment jobs one at a time in the background (each is CPU-heavy), reporting progress to the hub.</summary>
public sealed partial class EnrollmentWorker(EnrollmentPipeline pipeline, EnrollmentProgressHub hub, ILogger<EnrollmentWorker> logger) : BackgroundService
{
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
        await foreach (EnrollmentRequest request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                EnrollmentResult result = await pipeline.RunAsync(request, new SynchronousProgress(request, hub), stoppingToken);
                hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "succeeded", "done", 100, 0, null));
                LogDone(logger, request.ProfileId, result.VideoSeconds, result.ElapsedSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "cancelled", "cancelled", 0, null, "The server stopped; nothing was kept. Upload the clip again."));
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A loop that must survive one bad item: a failed upload (whatever threw) must not stop the worker or the
                // server; the pipeline already recorded the error on the job, the page gets it, the next job runs.
                hub.Report(request.JobId, new JobUpdate(request.JobId, request.ProfileId, "failed", "failed", 0, null, ex.Message));
            }
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    private sealed class SynchronousProgress(EnrollmentRequest request, EnrollmentProgressHub hub) : IProgress<EnrollmentProgress>
    {
        public void Report(EnrollmentProgress value) => hub.Report(request.JobId, JobUpdate.From(request.JobId, request.ProfileId, value));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} ready: {VideoSeconds:F1} s of video enrolled in {ElapsedSeconds:F1} s")]
    private static partial void LogDone(ILogger logger, string profileId, double videoSeconds, double elapsedSeconds);
}
