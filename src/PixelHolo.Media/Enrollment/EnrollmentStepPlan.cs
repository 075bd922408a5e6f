using Microsoft.Extensions.DependencyInjection;
using PixelHolo.Core.Enrollment;

namespace PixelHolo.Media.Enrollment;

/// <summary>The enrollment steps of a picture mode ("matte" or "plain"), for a job that does not use Enrollment:Picture
/// (a re-run with other settings).</summary>
public sealed class EnrollmentStepPlan(IServiceProvider services)
{
    public static IReadOnlyCollection<string> PictureModes => EnrollmentStepsServiceCollectionExtensions.StepsByPicture.Keys.ToArray();

    public IReadOnlyList<IEnrollmentStep> For(string picture)
    {
        if (!EnrollmentStepsServiceCollectionExtensions.StepsByPicture.ContainsKey(picture))
        {
            throw new ArgumentException($"'{picture}' is not a picture mode; use {string.Join(" or ", PictureModes)}.", nameof(picture));
        }
        return [.. services.GetKeyedServices<IEnrollmentStep>(picture)];
    }
}
