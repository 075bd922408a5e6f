using PixelHolo.Core.Enrollment;
using PixelHolo.Core.Profiles;

namespace PixelHolo.Core.Tests.Profiles;

/// <summary>A step that runs beside the others works on a forked context; its results come back where the step stood.</summary>
public sealed class EnrollmentContextTests
{
    [Fact]
    public void Absorb_ForkedStepResults_InsertedAtTheForkPointAndOnlyMissingSectionsFilled()
    {
        var context = new EnrollmentContext("p1", "/staging/source.mp4", "clip.mp4", "/staging");
        context.Artifacts.Add("source.mp4");
        context.Findings.Add("first");
        EnrollmentContext side = context.Fork();
        int artifactsAt = context.Artifacts.Count, findingsAt = context.Findings.Count;
        // The main line goes on while the forked step runs.
        context.Artifacts.Add("matte.mp4");
        context.Findings.Add("later");
        context.Facts.Still = new StillFacts(3, "kept");
        side.Artifacts.Add("voice/reference.wav");
        side.Findings.Add("too little clean speech");
        side.Models["silero-vad"] = "MIT (Silero)";
        side.Facts.Voice = new VoiceFacts(1, 1, 1, 1, -60, [16_000], 16_000, null, EnoughCleanSpeech: false);
        side.Facts.Still = new StillFacts(9, "forked");

        context.Absorb(side, artifactsAt, findingsAt);

        Assert.Equal(["source.mp4", "voice/reference.wav", "matte.mp4"], context.Artifacts);
        Assert.Equal(["first", "too little clean speech", "later"], context.Findings);
        Assert.Equal("MIT (Silero)", context.Models["silero-vad"]);
        Assert.Same(side.Facts.Voice, context.Facts.Voice);
        Assert.Equal(3, context.Facts.Still!.Frame);   // a section the main line set stays
        Assert.Equal("/staging", side.StagingFolder);
    }
}
