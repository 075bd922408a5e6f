namespace PixelHolo.Core.Enrollment;

/// <summary>One step of enrollment (validate, audio, matte, frames, still, voice, idle loop ...). Steps run in the order
/// PixelHolo.Enrollment's EnrollmentSteps declares, and may rely on what the steps before them wrote; each writes only inside <see cref="EnrollmentContext.StagingFolder"/>, so a failed job leaves nothing behind.</summary>
public interface IEnrollmentStep
{
    /// <summary>Short stage name shown in progress and timings ("validate", "matte").</summary>
    string Name { get; }

    /// <summary>Relative cost per second of video, used to turn step progress into overall progress and ETA.</summary>
    double Weight { get; }

    Task RunAsync(EnrollmentContext context, IProgress<double> progress, CancellationToken cancellationToken);
}
