using System.Text.Json;

namespace PixelHolo.Media.Composition;

/// <summary>A run of consecutive source frames, [Start, End) in 0-based frame-store indices.</summary>
internal readonly record struct FrameRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int index) => index >= Start && index < End;
}

/// <summary>Which stretches of the profile's footage show the person talking and which show them idle (listening, mouth
/// closed), read from the enrollment manifest: the speech timeline of the content check, the idle segments and the idle loop
/// of the idle-loop step. Without those facts the whole footage is talking footage and the idle stretch is the idle loop, or
/// the whole footage when there is none.</summary>
internal sealed record FootagePlan(int FrameCount, double FramesPerSecond, IReadOnlyList<FrameRange> Talking, IReadOnlyList<FrameRange> Idle, string Source)
{
    public const string ManifestFile = "manifest.json";

    /// <summary>Idle stretches shorter than this are not used (a jump into them would jump straight out again).</summary>
    public const double MinIdleSeconds = 0.6;

    public static FootagePlan Load(string profileFolder, int frameCount) => From(ReadFacts(profileFolder), frameCount);

    /// <summary>The plan a manifest's sections give (none: the whole footage for both).</summary>
    public static FootagePlan From(EnrollmentFacts? manifest, int frameCount)
    {
        if (manifest is not { } facts) { return FromFacts(frameCount, 25, null, null, null, "no manifest"); }
        double fps = facts.Frames?.FramesPerSecond is > 0 and var f ? f : 25;
        List<(double Start, double End)>? speech = facts.Speech is { Checked: true } s
            ? [.. s.Spans.Select(span => (span.Start.TotalSeconds, span.End.TotalSeconds))]
            : null;
        List<(double Start, double End)>? idle = facts.IdleLoop is { InsideIdle: true } i ? [.. i.IdleSegments.Select(segment => (segment.Start, segment.End))] : null;
        (int Start, int End)? loop = facts.IdleLoop is { } l ? (l.StartFrame - 1, l.EndFrame) : null;
        return FromFacts(frameCount, fps, speech, idle, loop, "manifest");
    }

    /// <summary>The enrollment sections of the profile's manifest (only those: the lip-sync evaluation's has no fixed fields),
    /// or null when there is none.</summary>
    public static EnrollmentFacts? ReadFacts(string profileFolder)
    {
        string manifestPath = Path.Combine(profileFolder, ManifestFile);
        return File.Exists(manifestPath)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), ProfileManifestJsonContext.Default.EnrollmentFacts)
            : null;
    }

    /// <summary>Builds the plan from facts in seconds (speech spans, idle spans) and the idle loop in frames.</summary>
    public static FootagePlan FromFacts(int frameCount, double fps, IReadOnlyList<(double Start, double End)>? speech,
        IReadOnlyList<(double Start, double End)>? idle, (int Start, int End)? idleLoop, string source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        var all = new FrameRange(0, frameCount);
        List<FrameRange> idleRanges = [];
        if (idle is { Count: > 0 })
        {
            idleRanges = [.. idle.Select(i => ToFrames(i, fps, frameCount)).Where(r => r.Length >= MinIdleSeconds * fps)];
        }
        else if (speech is not null)
        {
            idleRanges = Complement([.. speech.Select(sp => ToFrames(sp, fps, frameCount))], frameCount).Where(r => r.Length >= MinIdleSeconds * fps).ToList();
        }
        List<FrameRange> talking = idleRanges.Count > 0 ? Complement(idleRanges, frameCount).Where(r => r.Length >= 2).ToList() : [all];
        if (talking.Count == 0) { talking = [all]; }
        if (idleRanges.Count == 0)
        {
            idleRanges = idleLoop is { } l && l.End - l.Start >= 2 ? [new FrameRange(Math.Clamp(l.Start, 0, frameCount - 1), Math.Clamp(l.End, 1, frameCount))] : [all];
        }
        return new FootagePlan(frameCount, fps, talking, idleRanges, source);
    }

    private static FrameRange ToFrames((double Start, double End) span, double fps, int frameCount) =>
        new(Math.Clamp((int)Math.Ceiling(span.Start * fps), 0, frameCount), Math.Clamp((int)Math.Floor(span.End * fps), 0, frameCount));

    private static List<FrameRange> Complement(List<FrameRange> ranges, int frameCount)
    {
        var result = new List<FrameRange>();
        int cursor = 0;
        foreach (FrameRange r in ranges.Where(r => r.Length > 0).OrderBy(r => r.Start))
        {
            if (r.Start > cursor) { result.Add(new FrameRange(cursor, r.Start)); }
            cursor = Math.Max(cursor, r.End);
        }
        if (cursor < frameCount) { result.Add(new FrameRange(cursor, frameCount)); }
        return result;
    }
}
