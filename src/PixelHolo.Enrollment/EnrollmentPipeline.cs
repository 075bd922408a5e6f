using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PixelHolo.Core.Enrollment;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;

namespace PixelHolo.Enrollment;

/// <summary>Runs the enrollment steps in a staging folder, writes the manifest, and moves the folder into place only when
/// every step succeeded. On failure or cancellation the staging folder is deleted and the profile marked failed.</summary>
public sealed partial class EnrollmentPipeline(
    EnrollmentPlan plan,
    IServiceProvider services,
    IProfileFolders folders,
    IProfileStore profiles,
    IEnrollmentJobStore jobs,
    TimeProvider time,
    ILogger<EnrollmentPipeline> logger)
{
    /// <summary>What a job that was cancelled or cut by shutdown says.</summary>
    public const string InterruptedMessage =
        "The enrollment was stopped before it finished (cancelled, or the server stopped); nothing was kept. Upload the video again.";

    private readonly IReadOnlyList<IEnrollmentStep> _steps = plan.Steps;

    public IReadOnlyList<IEnrollmentStep> Steps => _steps;

    public async Task<EnrollmentResult> RunAsync(EnrollmentRequest request, IProgress<EnrollmentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = time.GetTimestamp();
        string staging = folders.CreateStaging(request.ProfileId);
        EnrollmentContext context;
        string folder;
        double elapsed;
        Task lastStore = Task.CompletedTask;
        var beside = new List<BesideRun>();
        using var stopBeside = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            string source = Path.Combine(staging, "source" + SafeExtension(request.OriginalFileName));
            File.Move(request.UploadPath, source);
            context = new EnrollmentContext(request.ProfileId, source, request.OriginalFileName, staging);
            context.Artifacts.Add(Path.GetFileName(source));

            IReadOnlyList<IEnrollmentStep> jobSteps = request.Picture is { } picture ? EnrollmentSteps.Resolve(services, picture) : _steps;
            double totalWeight = jobSteps.Sum(s => s.Weight);
            double doneWeight = 0;
            long lastStored = 0;
            string lastStage = "";
            foreach (IEnrollmentStep step in jobSteps)
            {
                long stepStarted = time.GetTimestamp();
                LogStepStarted(logger, request.ProfileId, step.Name);
                if (EnrollmentSteps.RunsBeside(step))
                {
                    // Its weight counts as done now; its own progress is not shown (two steps would interleave their reports).
                    beside.Add(StartBeside(step, context, stopBeside.Token));
                    doneWeight += step.Weight;
                    continue;
                }
                var reporter = new StepProgress(step, doneWeight, totalWeight, started, time, p =>
                {
                    progress?.Report(p);
                    // Stored at most once a second (and at each new stage) so a reloaded page sees it, one write at a time.
                    if ((p.Stage != lastStage || time.GetElapsedTime(lastStored) >= TimeSpan.FromSeconds(1)) && lastStore.IsCompleted)
                    {
                        lastStage = p.Stage;
                        lastStored = time.GetTimestamp();
                        lastStore = jobs.UpdateProgressAsync(request.JobId, p, CancellationToken.None);
                    }
                });
                reporter.Report(0);
                await step.RunAsync(context, reporter, cancellationToken);
                context.StageSeconds[step.Name] = Math.Round(time.GetElapsedTime(stepStarted).TotalSeconds, 3);
                doneWeight += step.Weight;
                LogStepFinished(logger, request.ProfileId, step.Name, context.StageSeconds[step.Name]);
            }

            // Last forked first, so each insertion point (a count taken when it was forked) still stands.
            foreach (BesideRun run in Enumerable.Reverse(beside))
            {
                context.StageSeconds[run.Step.Name] = Math.Round(await run.Seconds, 3);
                context.Absorb(run.Context, run.ArtifactsAt, run.FindingsAt);
                LogStepFinished(logger, request.ProfileId, run.Step.Name, context.StageSeconds[run.Step.Name]);
            }

            elapsed = time.GetElapsedTime(started).TotalSeconds;
            if (request.Picture is { } chosen) { context.Facts.Picture = chosen; }
            if (request.ReplacesReadyProfile) { await ProfileReEnrollment.CarryOverAsync(folders.PathOf(request.ProfileId), context, cancellationToken); }
            await WriteManifestAsync(context, request, elapsed, cancellationToken);
            await lastStore;
            folder = request.ReplacesReadyProfile ? folders.Replace(staging, request.ProfileId) : folders.Commit(staging, request.ProfileId);
        }
        catch (Exception ex)
        {
            // A step beside the failed one writes into the staging folder too: stop it and wait for it first (its own end,
            // cancelled or failed, is not the job's error).
            await stopBeside.CancelAsync();
            foreach (BesideRun run in beside) { await run.Seconds.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default); }
            // Nothing half-written: the staging folder goes (on a full disk that frees the space the two writes below need),
            // the profile is marked failed, the job keeps the error.
            folders.Discard(staging);
            if (File.Exists(request.UploadPath)) { File.Delete(request.UploadPath); }
            await Task.WhenAny(lastStore); // let the last progress write finish; its own failure must not hide this one
            bool cancelled = ex is OperationCanceledException;
            // A full disk says so, whichever write met it (ours or ffmpeg's), instead of an errno text or an ffmpeg stderr tail.
            Exception failure = !cancelled && ex is not StorageFullException && StorageFullException.IsDiskFull(ex)
                ? new StorageFullException(Path.GetDirectoryName(staging) ?? staging, ex) : ex;
            if (!request.ReplacesReadyProfile) { await profiles.MarkFailedAsync(request.ProfileId, CancellationToken.None); }
            await jobs.CompleteAsync(request.JobId, cancelled ? EnrollmentJobState.Cancelled : EnrollmentJobState.Failed,
                cancelled ? InterruptedMessage : failure.Message, CancellationToken.None);
            if (failure is PixelHoloException or OperationCanceledException)
            {
                // A known failure (bad clip, tool or model missing, disk full, stopped) is one line with its fix; trace at debug.
                LogFailed(logger, request.ProfileId, failure.Message);
                LogFailedTrace(logger, request.ProfileId, failure);
            }
            else
            {
                LogFailedUnexpectedly(logger, request.ProfileId, failure);
            }
            if (failure != ex) { throw failure; }
            throw;
        }

        // The folder is in place: from here on the profile exists whatever happens.
        await profiles.MarkReadyAsync(request.ProfileId, folder, CancellationToken.None);
        await jobs.CompleteAsync(request.JobId, EnrollmentJobState.Succeeded, null, CancellationToken.None);
        progress?.Report(new EnrollmentProgress("done", 1, 1, TimeSpan.Zero));
        return new EnrollmentResult(request.ProfileId, folder, context.Media?.Duration.TotalSeconds ?? 0, Math.Round(elapsed, 3), context.StageSeconds, context.Findings);
    }

    /// <summary>Starts <paramref name="step"/> on a thread-pool thread with a forked context; the task gives its seconds.</summary>
    private BesideRun StartBeside(IEnrollmentStep step, EnrollmentContext context, CancellationToken cancellationToken)
    {
        EnrollmentContext side = context.Fork();
        Task<double> seconds = Task.Run(async () =>
        {
            long stepStarted = time.GetTimestamp();
            await step.RunAsync(side, IgnoredProgress.Instance, cancellationToken);
            return time.GetElapsedTime(stepStarted).TotalSeconds;
        }, cancellationToken);
        return new BesideRun(step, side, context.Artifacts.Count, context.Findings.Count, seconds);
    }

    private sealed record BesideRun(IEnrollmentStep Step, EnrollmentContext Context, int ArtifactsAt, int FindingsAt, Task<double> Seconds);

    private sealed class IgnoredProgress : IProgress<double>
    {
        public static readonly IgnoredProgress Instance = new();

        public void Report(double value) { }
    }

    private static async Task WriteManifestAsync(EnrollmentContext context, EnrollmentRequest request, double elapsedSeconds, CancellationToken cancellationToken)
    {
        var artifacts = new List<ManifestArtifact>();
        foreach (string relative in context.Artifacts.Distinct(StringComparer.Ordinal))
        {
            string path = context.PathOf(relative);
            if (!File.Exists(path)) { continue; }
            artifacts.Add(new ManifestArtifact(relative, new FileInfo(path).Length, await Sha256Async(path, cancellationToken)));
        }
        var manifest = new ProfileManifest(context.Facts, context.ProfileId)
        {
            SourceFileName = request.OriginalFileName,
            VideoSeconds = Math.Round(context.Media?.Duration.TotalSeconds ?? 0, 3),
            ElapsedSeconds = Math.Round(elapsedSeconds, 3),
            Artifacts = artifacts,
            Models = [.. context.Models.Select(m => new ManifestModel(m.Key, m.Value))],
            Findings = [.. context.Findings],
            Stages = new Dictionary<string, double>(context.StageSeconds, StringComparer.Ordinal),
        };
        await ProfileManifestFile.WriteAsync(context.StagingFolder, manifest, cancellationToken);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static string SafeExtension(string fileName)
    {
        string extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension.Length is > 1 and <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : ".bin";
    }

    /// <summary>Maps a step's 0..1 to overall progress and an ETA from the elapsed time and the work done.</summary>
    private sealed class StepProgress(IEnrollmentStep step, double doneWeight, double totalWeight, long startedTimestamp, TimeProvider time, Action<EnrollmentProgress> sink)
        : IProgress<double>
    {
        public void Report(double value)
        {
            double fraction = Math.Clamp(value, 0, 1);
            double overall = totalWeight > 0 ? (doneWeight + (step.Weight * fraction)) / totalWeight : 0;
            TimeSpan elapsed = time.GetElapsedTime(startedTimestamp);
            TimeSpan? eta = overall > 0.02 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - overall) / overall) : null;
            sink(new EnrollmentProgress(step.Name, fraction, Math.Round(overall, 4), eta));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId}: {Stage} started")]
    private static partial void LogStepStarted(ILogger logger, string profileId, string stage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId}: {Stage} finished in {Seconds:F2} s")]
    private static partial void LogStepFinished(ILogger logger, string profileId, string stage, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId}: enrollment failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string profileId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {ProfileId}: enrollment failed (trace)")]
    private static partial void LogFailedTrace(ILogger logger, string profileId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Profile {ProfileId}: enrollment failed")]
    private static partial void LogFailedUnexpectedly(ILogger logger, string profileId, Exception exception);
}
