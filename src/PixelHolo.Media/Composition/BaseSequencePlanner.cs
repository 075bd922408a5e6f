namespace PixelHolo.Media.Composition;

/// <summary>One output frame of the base sequence: <see cref="Shown"/> from the frame store, or, during a cross-fade,
/// <see cref="BlendFrom"/> blended into <see cref="Shown"/> with weight <see cref="Weight"/> (1 = only Shown).</summary>
/// <param name="Talking">True when <see cref="Shown"/> is talking footage.</param>
internal readonly record struct PlannedFrame(int Shown, int? BlendFrom, double Weight, bool Talking);

/// <summary>Where a stage's footage stands between answers: the next talking frame and the next idle frame.</summary>
internal sealed class FootageCursor
{
    public int Talking { get; set; } = -1;

    public int Idle { get; set; } = -1;
}

/// <summary>Chooses the footage frame for each output frame: talking footage while the voice is active, idle footage in
/// pauses and at the end, consecutive frames wherever possible, and a cross-fade of a few frames for every jump (to the next
/// stretch, between talking and idle, and around the end of the footage), so no jump is ever a cut. Pure logic, no I/O.</summary>
internal sealed class BaseSequencePlanner
{
    private readonly FootagePlan _plan;
    private readonly FootageCursor _cursor;
    private readonly int _fadeFrames;
    private bool _talking;
    private int _current = -1;
    private int _fadeFrom = -1;
    private int _fadeStep;
    private int _fadeLength;

    public BaseSequencePlanner(FootagePlan plan, FootageCursor cursor, int fadeFrames)
    {
        _plan = plan;
        _cursor = cursor;
        _fadeFrames = Math.Max(1, fadeFrames);
        if (_cursor.Talking < 0 || !InAny(_plan.Talking, _cursor.Talking)) { _cursor.Talking = _plan.Talking[0].Start; }
        if (_cursor.Idle < 0 || !InAny(_plan.Idle, _cursor.Idle)) { _cursor.Idle = _plan.Idle[0].Start; }
    }

    public bool IsFading => _fadeLength > 0;

    /// <summary>The frame to show next. <paramref name="framesLeft"/> counts this frame and those after it when the end of
    /// the answer is known (else null): the planner then fades into idle footage so the answer ends on a closed mouth.</summary>
    public PlannedFrame Next(bool speaking, int? framesLeft = null)
    {
        if (framesLeft is { } left && left <= _fadeFrames) { speaking = false; }
        if (_current < 0)
        {
            // First frame of an answer: start where the last one left this kind of footage.
            _talking = speaking;
            _current = _talking ? _cursor.Talking : _cursor.Idle;
            Store();
            return new PlannedFrame(_current, null, 1, _talking);
        }

        if (!IsFading)
        {
            int next = _current + 1;
            IReadOnlyList<FrameRange> ranges = _talking ? _plan.Talking : _plan.Idle;
            if (speaking != _talking)
            {
                // Switch kind: continue the other kind's own cursor, faded.
                StartFade(speaking, framesLeft);
            }
            else if (!InAny(ranges, next))
            {
                // End of a stretch: the next stretch of the same kind (wrapping at the end of the footage), faded.
                int target = NextRangeStart(ranges, _current);
                StartFadeTo(target, _talking, framesLeft);
            }
            else
            {
                _current = next;
                Store();
                return new PlannedFrame(_current, null, 1, _talking);
            }
        }
        return FadeStep();
    }

    private void StartFade(bool toTalking, int? framesLeft)
    {
        int target = toTalking ? NextOf(_plan.Talking, _cursor.Talking) : NextOf(_plan.Idle, _cursor.Idle);
        StartFadeTo(target, toTalking, framesLeft);
    }

    private void StartFadeTo(int target, bool toTalking, int? framesLeft)
    {
        _fadeFrom = _current;
        _fadeLength = framesLeft is { } left ? Math.Clamp(left, 1, _fadeFrames) : _fadeFrames;
        _fadeStep = 0;
        _talking = toTalking;
        _current = target - 1; // FadeStep advances first
    }

    private PlannedFrame FadeStep()
    {
        _fadeStep++;
        _current = Advance(_talking ? _plan.Talking : _plan.Idle, _current);
        _fadeFrom = Math.Min(_fadeFrom + 1, _plan.FrameCount - 1);
        double weight = _fadeStep / (double)_fadeLength;
        Store();
        if (_fadeStep >= _fadeLength)
        {
            _fadeLength = 0;
            return new PlannedFrame(_current, null, 1, _talking);
        }
        return new PlannedFrame(_current, _fadeFrom, weight, _talking);
    }

    /// <summary>The frame after <paramref name="index"/> inside its stretch; at a stretch's end the start of the next one
    /// (only reached mid-fade, where the fade hides it).</summary>
    private static int Advance(IReadOnlyList<FrameRange> ranges, int index) =>
        InAny(ranges, index + 1) ? index + 1 : NextRangeStart(ranges, index);

    private static int NextOf(IReadOnlyList<FrameRange> ranges, int cursor) => InAny(ranges, cursor) ? cursor : NextRangeStart(ranges, cursor);

    private static int NextRangeStart(IReadOnlyList<FrameRange> ranges, int index)
    {
        foreach (FrameRange r in ranges)
        {
            if (r.Start > index) { return r.Start; }
        }
        return ranges[0].Start;
    }

    private static bool InAny(IReadOnlyList<FrameRange> ranges, int index)
    {
        foreach (FrameRange r in ranges)
        {
            if (r.Contains(index)) { return true; }
        }
        return false;
    }

    private void Store()
    {
        // The cursor points at the frame to play next time, so the next answer continues rather than repeats.
        IReadOnlyList<FrameRange> ranges = _talking ? _plan.Talking : _plan.Idle;
        int next = Advance(ranges, _current);
        if (_talking) { _cursor.Talking = next; } else { _cursor.Idle = next; }
    }
}
