using PixelHolo.Core.Media;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Enrollment;

/// <summary>What the steps of one enrollment share: the input, the staging folder and the growing manifest.</summary>
public sealed class EnrollmentContext
{
    public EnrollmentContext(string profileId, string sourcePath, string originalFileName, string stagingFolder)
    {
        ProfileId = profileId;
        SourcePath = sourcePath;
        OriginalFileName = originalFileName;
        StagingFolder = stagingFolder;
    }

    public string ProfileId { get; }

    /// <summary>The uploaded file (already copied into the staging folder as source.ext).</summary>
    public string SourcePath { get; }

    /// <summary>Name the user gave the file, used in messages.</summary>
    public string OriginalFileName { get; }

    public string StagingFolder { get; }

    /// <summary>Set by the validate step.</summary>
    public MediaInfo? Media { get; set; }

    /// <summary>Path of a file inside the staging folder.</summary>
    public string PathOf(string relative) => Path.Combine(StagingFolder, relative);

    /// <summary>Files produced, relative to the profile folder (checksums are added when the manifest is written).</summary>
    public List<string> Artifacts { get; } = [];

    /// <summary>Models used: id → licence.</summary>
    public Dictionary<string, string> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Validation findings and warnings in plain words.</summary>
    public List<string> Findings { get; } = [];

    /// <summary>Seconds per step.</summary>
    public Dictionary<string, double> StageSeconds { get; } = new(StringComparer.Ordinal);

    /// <summary>A context for a step that runs beside the others (PixelHolo.Enrollment's EnrollmentSteps.Beside): the same input
    /// and staging folder and the probed media, but its own lists and sections, so the two never write the same collection at
    /// once. <see cref="Absorb"/> takes its results back.</summary>
    public EnrollmentContext Fork() => new(ProfileId, SourcePath, OriginalFileName, StagingFolder) { Media = Media };

    /// <summary>Takes a forked context's results back: its artifacts and findings where the step stood in the declared order
    /// (<paramref name="artifactsAt"/>, <paramref name="findingsAt"/>: the counts when it was forked), its models, and each
    /// manifest section it set.</summary>
    public void Absorb(EnrollmentContext side, int artifactsAt, int findingsAt)
    {
        ArgumentNullException.ThrowIfNull(side);
        Artifacts.InsertRange(Math.Min(artifactsAt, Artifacts.Count), side.Artifacts);
        Findings.InsertRange(Math.Min(findingsAt, Findings.Count), side.Findings);
        foreach (KeyValuePair<string, string> model in side.Models) { Models[model.Key] = model.Value; }
        Facts.FillFrom(side.Facts);
    }

    /// <summary>The manifest's typed sections, each set by its step (the still's frame, the loop points, the speech timeline
    /// the later steps read ...).</summary>
    public EnrollmentFacts Facts { get; } = new();
}
