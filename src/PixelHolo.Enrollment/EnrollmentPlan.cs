using PixelHolo.Core.Enrollment;

namespace PixelHolo.Enrollment;

/// <summary>The steps one enrollment runs, in order (see <see cref="EnrollmentSteps"/> for where the order is declared).</summary>
public sealed class EnrollmentPlan
{
    public EnrollmentPlan(IReadOnlyList<IEnrollmentStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) { throw new ArgumentException("An enrollment needs at least one step.", nameof(steps)); }
        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) { throw new ArgumentException($"Two enrollment steps are both named \"{duplicate.Key}\"; stage names must be unique.", nameof(steps)); }
        Steps = steps;
    }

    public IReadOnlyList<IEnrollmentStep> Steps { get; }

    /// <summary>The stage names in order ("validate", "audio", …).</summary>
    public IReadOnlyList<string> StageNames => [.. Steps.Select(s => s.Name)];
}
