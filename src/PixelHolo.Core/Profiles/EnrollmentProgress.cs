namespace PixelHolo.Core.Profiles;

/// <summary>A progress report of an enrollment job.</summary>
/// <param name="Stage">Stage name, e.g. "validate", "audio", "frames".</param>
/// <param name="StageFraction">0..1 within the stage.</param>
/// <param name="OverallFraction">0..1 of the whole job.</param>
/// <param name="Eta">Estimated time left, when known.</param>
public sealed record EnrollmentProgress(string Stage, double StageFraction, double OverallFraction, TimeSpan? Eta);

public enum EnrollmentJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
