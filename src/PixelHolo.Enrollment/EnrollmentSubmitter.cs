using Microsoft.Extensions.Options;
using PixelHolo.Core.Errors;
using PixelHolo.Core.Paths;
using PixelHolo.Core.Profiles;
using PixelHolo.Core.Storage;
using PixelHolo.Media.Validation;

namespace PixelHolo.Enrollment;

/// <summary>"Submit an enrollment", the one way the uploader and <c>pixelholo enroll</c> make a profile from a video.</summary>
public interface IEnrollmentSubmitter
{
    /// <summary>Checks the video (every problem at once, <see cref="InvalidUploadException"/>, nothing created), creates the
    /// profile (Enrolling) and its job, and queues the job on the background worker. Throws
    /// <see cref="EnrollmentQueueFullException"/> (nothing kept) when too many jobs are waiting.</summary>
    Task<SubmittedEnrollment> SubmitAsync(EnrollmentSubmission submission, CancellationToken cancellationToken);

    /// <summary>The same checks and records, then the job runs now on the caller's task (the CLI's progress bar).</summary>
    Task<EnrollmentResult> RunAsync(EnrollmentSubmission submission, IProgress<EnrollmentProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>A video to enroll.</summary>
/// <param name="VideoPath">The file on disk.</param>
/// <param name="FileName">The name the user gave it (messages, the default profile name).</param>
/// <param name="Name">Display name; the file name without extension when empty. Cut to <see cref="EnrollmentSubmitter.MaxNameChars"/>.</param>
/// <param name="Personality">"Personality &amp; Identity" text, possibly empty. Cut to <see cref="EnrollmentSubmitter.MaxPersonalityChars"/>.</param>
/// <param name="IsTemporaryUpload">True for a received upload under runtime/staging/uploads, which enrollment moves (and
/// deletes when it is refused); false for the user's own file, which is copied and never touched.</param>
public sealed record EnrollmentSubmission(string VideoPath, string FileName, string? Name, string? Personality, bool IsTemporaryUpload);

/// <summary>An accepted submission: the profile and the job that reports its progress.</summary>
/// <param name="Warnings">What the check found that does not stop enrollment, in plain words.</param>
public sealed record SubmittedEnrollment(string ProfileId, string JobId, string Name, IReadOnlyList<string> Warnings);

/// <summary>Too many enrollments are waiting for the worker; nothing of this one was kept.</summary>
public sealed class EnrollmentQueueFullException(int waiting)
    : PixelHoloException($"Too many uploads are waiting to be processed ({waiting}). Try again in a few minutes.");

internal sealed class EnrollmentSubmitter(
    UploadValidator validator,
    IProfileStore profiles,
    IEnrollmentJobStore jobs,
    IBackgroundEnrollment background,
    EnrollmentPipeline pipeline,
    IOptions<RuntimeOptions> runtime) : IEnrollmentSubmitter
{
    public const int MaxNameChars = 80;
    public const int MaxPersonalityChars = 8000;

    public async Task<SubmittedEnrollment> SubmitAsync(EnrollmentSubmission submission, CancellationToken cancellationToken)
    {
        (EnrollmentRequest request, SubmittedEnrollment accepted) = await PrepareAsync(submission, cancellationToken);
        if (!background.TryEnqueue(request))
        {
            await jobs.CompleteAsync(request.JobId, EnrollmentJobState.Failed, "Too many uploads are waiting.", CancellationToken.None);
            await profiles.DeleteAsync(request.ProfileId, CancellationToken.None);
            File.Delete(request.UploadPath);
            throw new EnrollmentQueueFullException(background.Capacity);
        }
        return accepted;
    }

    public async Task<EnrollmentResult> RunAsync(EnrollmentSubmission submission, IProgress<EnrollmentProgress>? progress, CancellationToken cancellationToken)
    {
        (EnrollmentRequest request, _) = await PrepareAsync(submission, cancellationToken);
        return await pipeline.RunAsync(request, progress, cancellationToken);
    }

    private async Task<(EnrollmentRequest Request, SubmittedEnrollment Accepted)> PrepareAsync(EnrollmentSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        string? upload = submission.IsTemporaryUpload ? submission.VideoPath : null;
        try
        {
            // Checked first: bad input creates nothing.
            var (_, warnings) = await validator.ValidateAsync(submission.VideoPath, submission.FileName, cancellationToken);
            if (upload is null)
            {
                // The pipeline moves its input into the profile folder, so it gets a copy, never the user's file.
                string uploads = Path.Combine(runtime.Value.StagingPath, "uploads");
                Directory.CreateDirectory(uploads);
                upload = Path.Combine(uploads, $"{Guid.NewGuid():N}.part");
                File.Copy(submission.VideoPath, upload);
            }
            string name = Cut(submission.Name?.Trim() is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(submission.FileName), MaxNameChars);
            string personality = Cut(submission.Personality?.Trim() ?? "", MaxPersonalityChars);
            AvatarProfile profile = await profiles.CreateAsync(name, personality, cancellationToken);
            EnrollmentJob job = await jobs.CreateAsync(profile.Id, upload, cancellationToken);
            return (new EnrollmentRequest(profile.Id, job.Id, upload, submission.FileName), new SubmittedEnrollment(profile.Id, job.Id, name, warnings));
        }
        catch
        {
            // Refused or failed before the job exists: the received (or copied) file goes, the user's own file stays.
            if (upload is not null && File.Exists(upload)) { File.Delete(upload); }
            throw;
        }
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
