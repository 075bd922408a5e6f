namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The fast path for one frame at working size. The clip is cut into segments (shots, and stretches that start at a key
/// the matte check asked for); nothing is carried across a segment start. Inside a segment the key-frame mattes either side give
/// a prior and an uncertain band around the outline; inside the band the difference to the segment's background plate decides
/// (except where the person's colour matched the plate in a key frame); the frame's colours are checked against the segment's
/// colour model (<see cref="MatteConfidence"/>); then a guided filter refines the edges, a motion-aware blend with the previous
/// frame's matte removes flicker, and regions not connected to the person are dropped and holes inside it filled
/// (<see cref="MatteCleanup"/>). Feed frames in order; one instance per video, not thread-safe.</summary>
internal sealed class FrameMatter
{
    private const int AlignFactor = 4;

    private readonly int _width;
    private readonly int _height;
    private readonly int _bandRadius;
    private readonly int _safetyRadius;
    private readonly int _guidedRadius;
    private readonly float _guidedEpsilon;
    private readonly float _low;
    private readonly float _high;
    private readonly float _smoothing;
    private readonly float _floor;
    private readonly GuidedFilter _guided;
    private readonly MatteCleanup _cleanup;
    private readonly BackgroundEstimate _background;
    private readonly float[] _outer;
    private readonly float[] _inner;
    private readonly float[] _prior;
    private readonly float[] _gray;
    private readonly float[] _previousGray;
    private readonly float[] _previousAlpha;
    private readonly float[] _scratch;
    private readonly float[] _maxAlpha;
    private readonly float[] _minAlpha;
    private readonly int _smallWidth;
    private readonly int _smallHeight;
    private readonly int _alignRadius;
    private readonly float[] _frameSmallGray;
    private readonly float[] _shiftedA;
    private readonly float[] _shiftedB;
    private readonly bool[] _camoA;
    private readonly bool[] _camoB;
    private readonly List<KeyFrame> _keys = [];
    private readonly SortedDictionary<int, bool> _segments = [];   // start frame → static camera (plate possible)
    private readonly Dictionary<int, SegmentData> _segmentData = [];
    private readonly Dictionary<int, KeyData> _keyData = [];
    private (int A, int B, int Ax, int Ay, int Bx, int By) _interval = (-1, -1, 0, 0, 0, 0);
    private int _segmentInUse = -1;
    private double _plateCoverageSum;
    private int _plates;
    private bool _hasPrevious;

    public FrameMatter(int width, int height, MattingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _width = width;
        _height = height;
        int shortSide = Math.Min(width, height);
        _bandRadius = Math.Max(2, (int)Math.Round(options.BandFraction * shortSide));
        _safetyRadius = Math.Max(2, shortSide / 100);
        _guidedRadius = Math.Max(1, (int)Math.Round(options.GuidedFilterRadiusFraction * shortSide));
        _guidedEpsilon = (float)options.GuidedFilterEpsilon;
        _low = (float)options.DifferenceLow;
        _high = (float)Math.Max(options.DifferenceHigh, options.DifferenceLow + 1);
        _smoothing = (float)options.TemporalSmoothing;
        _floor = (float)options.AlphaFloor;
        int n = width * height;
        // The fast guided filter (a, b fitted at half size) from 240 px up: the same edges for a quarter of the box filtering.
        _guided = new GuidedFilter(width, height, subsample: shortSide >= 240 ? 2 : 1);
        _cleanup = new MatteCleanup(width, height);
        _background = new BackgroundEstimate(width, height, 2 * _bandRadius);
        _outer = new float[n];
        _inner = new float[n];
        _prior = new float[n];
        _gray = new float[n];
        _previousGray = new float[n];
        _previousAlpha = new float[n];
        _scratch = new float[n];
        _maxAlpha = new float[n];
        _minAlpha = new float[n];
        _smallWidth = Math.Max(1, width / AlignFactor);
        _smallHeight = Math.Max(1, height / AlignFactor);
        _alignRadius = Math.Max(1, (int)Math.Round(0.1 * Math.Min(_smallWidth, _smallHeight)));
        _frameSmallGray = new float[_smallWidth * _smallHeight];
        _shiftedA = new float[n];
        _shiftedB = new float[n];
        _camoA = new bool[n];
        _camoB = new bool[n];
    }

    /// <summary>The background colour behind each pixel of the last matted frame, for edge decontamination.</summary>
    public BackgroundEstimate Background => _background;

    /// <summary>Mean share of the frame the background plates knew, over the segments matted so far (0 without a plate).</summary>
    public double PlateCoverage => _plates == 0 ? 0 : _plateCoverageSum / _plates;

    /// <summary>Starts a segment at <paramref name="start"/> (a shot, or a stretch after a key the matte check asked for).</summary>
    /// <param name="staticCamera">True when a background plate can be built from the segment's key frames.</param>
    public void AddSegment(int start, bool staticCamera)
    {
        _segments[start] = staticCamera;
        _segmentData.Clear();   // keys may now belong to another segment
        _keyData.Clear();
        _interval = (-1, -1, 0, 0, 0, 0);
    }

    public void AddKey(KeyFrame key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int at = _keys.FindIndex(k => k.Index >= key.Index);
        if (at >= 0 && _keys[at].Index == key.Index) { _keys[at] = key; }
        else if (at < 0) { _keys.Add(key); }
        else { _keys.Insert(at, key); }
        _segmentData.Remove(SegmentStart(key.Index));
        _keyData.Remove(key.Index);
        _interval = (-1, -1, 0, 0, 0, 0);
    }

    /// <summary>Drops keys (and their buffers) before <paramref name="frame"/>; for the every-frame mode.</summary>
    public void ForgetKeysBefore(int frame)
    {
        foreach (KeyFrame key in _keys.Where(k => k.Index < frame)) { _keyData.Remove(key.Index); }
        _keys.RemoveAll(k => k.Index < frame);
        _segmentData.Clear();
    }

    /// <summary>True when frame <paramref name="index"/> is a key frame.</summary>
    public bool IsKey(int index) => _keys.Exists(k => k.Index == index);

    /// <summary>The nearest key at or before <paramref name="index"/> in its segment, or −1.</summary>
    public int KeyBefore(int index)
    {
        int start = SegmentStart(index);
        KeyFrame? key = _keys.LastOrDefault(k => k.Index <= index && k.Index >= start);
        return key?.Index ?? -1;
    }

    /// <summary>The nearest key after <paramref name="index"/> in its segment, or null.</summary>
    public KeyFrame? KeyAfter(int index)
    {
        int end = _segments.Keys.FirstOrDefault(s => s > index, int.MaxValue);
        return _keys.Find(k => k.Index > index && k.Index < end);
    }

    /// <summary>Alpha 0..1 of frame <paramref name="index"/>, written to <paramref name="alpha"/> (working size).</summary>
    /// <returns>How well the matte agrees with the frame's colours (<see cref="MatteConfidence"/>), 0..1.</returns>
    public MatteConfidence Matte(ReadOnlySpan<byte> rgb, int index, Span<float> alpha)
    {
        int n = _width * _height;
        int segment = SegmentStart(index);
        if (segment != _segmentInUse)
        {
            _segmentInUse = segment;
            _hasPrevious = false;   // never smooth across a cut
        }
        SegmentData data = Segment(segment);
        (KeyFrame a, KeyFrame b) = Surrounding(data, index);
        float t = a.Index == b.Index ? 0f : (index - a.Index) / (float)(b.Index - a.Index);
        ImageOps.ToGray(rgb, _gray);
        BackgroundPlate? plate = data.Plate;
        (int ax, int ay, int bx, int by) = (0, 0, 0, 0);
        if (plate is not null)
        {
            // The person moves between key frames: shift each key's matte by where its picture of the person fits this frame best.
            float[] small = Shrink(_gray, _frameSmallGray);
            (ax, ay) = Align(Key(a), small);
            (bx, by) = a.Index == b.Index ? (ax, ay) : Align(Key(b), small);
        }
        if ((a.Index, b.Index, ax, ay, bx, by) != _interval) { PrepareInterval(a, b, ax, ay, bx, by, plate); }
        for (int i = 0; i < n; i++) { _prior[i] = _shiftedA[i] + ((_shiftedB[i] - _shiftedA[i]) * t); }
        _prior.CopyTo(alpha);
        if (plate is not null)
        {
            bool[] camoA = _camoA, camoB = _camoB;
            float mid = (_low + _high) / 2, half = (_high - _low) / 2;
            for (int i = 0; i < n; i++)
            {
                if (_outer[i] == 0) { alpha[i] = 0; continue; }
                if (_inner[i] == 1) { alpha[i] = 1; continue; }
                if (!plate.Known[i] || ((camoA[i] || camoB[i]) && alpha[i] > 0.5f)) { continue; }
                float d = plate.Distance(rgb, i);
                float f = SmoothStep(_low, _high, d);
                float confidence = Math.Min(1f, MathF.Abs(d - mid) / half);
                alpha[i] = (confidence * f) + ((1 - confidence) * alpha[i]);
            }
        }
        MatteConfidence check = data.Colours.Check(rgb, alpha, _outer, _width, plate);

        if (_guidedRadius > 0) { _guided.Apply(_gray, alpha, alpha, _guidedRadius, _guidedEpsilon); }

        if (_hasPrevious && _smoothing > 0)
        {
            for (int i = 0; i < n; i++)
            {
                // Keep the previous matte only where the image itself did not change: still pixels must not flicker,
                // moving ones must not lag.
                float change = MathF.Abs(_gray[i] - _previousGray[i]);
                float w = _smoothing * (1f - Math.Min(1f, change * (1f / 0.06f)));
                alpha[i] += (_previousAlpha[i] - alpha[i]) * w;
            }
        }

        for (int i = 0; i < n; i++)
        {
            float v = alpha[i];
            if (plate is not null && _outer[i] == 0) { v = 0; }
            alpha[i] = v < _floor ? 0f : v > 1 - _floor ? 1f : v;
        }
        _cleanup.Apply(alpha, _prior);
        _background.Update(rgb, alpha, plate);
        alpha.CopyTo(_previousAlpha);
        _gray.CopyTo(_previousGray.AsSpan());
        _hasPrevious = true;
        return check;
    }

    private int SegmentStart(int index)
    {
        int start = 0;
        foreach (int s in _segments.Keys)
        {
            if (s > index) { break; }
            start = s;
        }
        return start;
    }

    private SegmentData Segment(int start)
    {
        if (_segmentData.TryGetValue(start, out SegmentData? data)) { return data; }
        int end = _segments.Keys.FirstOrDefault(s => s > start, int.MaxValue);
        List<KeyFrame> keys = [.. _keys.Where(k => k.Index >= start && k.Index < end)];
        if (keys.Count == 0) { throw new InvalidOperationException($"The segment starting at frame {start} has no key frame; the plan must give every shot one."); }
        bool staticCamera = _segments.GetValueOrDefault(start, false);
        BackgroundPlate? plate = staticCamera ? BackgroundPlate.Build(keys, _width, _height, _safetyRadius) : null;
        data = new SegmentData(keys, plate, ColourModel.From(keys, _width));
        if (plate is not null)
        {
            _plateCoverageSum += plate.KnownFraction;
            _plates++;
        }
        _segmentData[start] = data;
        foreach (KeyFrame key in keys) { _keyData.Remove(key.Index); }
        return data;
    }

    private static (KeyFrame Before, KeyFrame After) Surrounding(SegmentData data, int index)
    {
        List<KeyFrame> keys = data.Keys;
        int after = keys.FindIndex(k => k.Index >= index);
        if (after < 0) { return (keys[^1], keys[^1]); }
        if (keys[after].Index == index || after == 0) { return (keys[after], keys[after]); }
        return (keys[after - 1], keys[after]);
    }

    private KeyData Key(KeyFrame key)
    {
        if (_keyData.TryGetValue(key.Index, out KeyData? data)) { return data; }
        BackgroundPlate? plate = Segment(SegmentStart(key.Index)).Plate;
        var gray = new float[_width * _height];
        ImageOps.ToGray(key.Rgb, gray);
        float[] smallGray = Shrink(gray);
        float[] smallAlpha = Shrink(key.Alpha);
        int[] person = [.. Enumerable.Range(0, smallAlpha.Length).Where(i => smallAlpha[i] > 0.5f)];
        data = new KeyData(smallGray, person, [.. person.Select(i => (short)(i % _smallWidth))], [.. person.Select(i => (short)(i / _smallWidth))],
            plate is null ? new bool[_width * _height] : Camouflage(key, plate));
        _keyData[key.Index] = data;
        return data;
    }

    private void PrepareInterval(KeyFrame a, KeyFrame b, int ax, int ay, int bx, int by, BackgroundPlate? plate)
    {
        _interval = (a.Index, b.Index, ax, ay, bx, by);
        Shift(a.Alpha, _shiftedA, ax * AlignFactor, ay * AlignFactor);
        Shift(b.Alpha, _shiftedB, bx * AlignFactor, by * AlignFactor);
        if (plate is not null)
        {
            Shift(Key(a).Camouflage, _camoA, ax * AlignFactor, ay * AlignFactor);
            Shift(Key(b).Camouflage, _camoB, bx * AlignFactor, by * AlignFactor);
        }
        for (int i = 0; i < _shiftedA.Length; i++)
        {
            _maxAlpha[i] = Math.Max(_shiftedA[i], _shiftedB[i]);
            _minAlpha[i] = Math.Min(_shiftedA[i], _shiftedB[i]);
        }
        ImageOps.Dilate(_maxAlpha, 0.02f, _outer, _width, _height, _bandRadius, _scratch);
        ImageOps.Erode(_minAlpha, 0.98f, _inner, _width, _height, _bandRadius, _scratch);
    }

    /// <summary>Shift (in small pixels) that best lays the key's person onto the frame: coarse search on a 2-pixel grid, then
    /// ±1 around the best; a small cost per pixel of shift keeps a still person at (0, 0).</summary>
    private (int Dx, int Dy) Align(KeyData key, float[] frame)
    {
        float[] keyGray = key.SmallGray;
        int[] person = key.Person;
        short[] px = key.PersonX, py = key.PersonY;
        if (person.Length == 0) { return (0, 0); }
        (int bestX, int bestY, double best) = (0, 0, double.MaxValue);
        for (int dy = -_alignRadius; dy <= _alignRadius; dy += 2)
        {
            for (int dx = -_alignRadius; dx <= _alignRadius; dx += 2) { Try(dx, dy); }
        }
        (int cx, int cy) = (bestX, bestY);
        for (int dy = cy - 1; dy <= cy + 1; dy++)
        {
            for (int dx = cx - 1; dx <= cx + 1; dx++) { if (dx != cx || dy != cy) { Try(dx, dy); } }
        }
        return (bestX, bestY);

        void Try(int dx, int dy)
        {
            float sum = 0;
            int count = 0, offset = (dy * _smallWidth) + dx;
            for (int p = 0; p < person.Length; p++)
            {
                int x = px[p] + dx, y = py[p] + dy;
                if ((uint)x >= (uint)_smallWidth || (uint)y >= (uint)_smallHeight) { continue; }
                int i = person[p];
                sum += MathF.Abs(frame[i + offset] - keyGray[i]);
                count++;
            }
            if (count < person.Length / 2) { return; }
            double cost = (sum / count) + (0.002 * (Math.Abs(dx) + Math.Abs(dy)));
            if (cost < best) { (bestX, bestY, best) = (dx, dy, cost); }
        }
    }

    private float[] Shrink(float[] source) => Shrink(source, new float[_smallWidth * _smallHeight]);

    private float[] Shrink(ReadOnlySpan<float> source, float[] result)
    {
        ImageOps.BoxShrink(source, _width, AlignFactor, result, _smallWidth, _smallHeight);
        return result;
    }

    private void Shift<T>(T[] source, T[] destination, int dx, int dy)
    {
        Array.Clear(destination);
        for (int y = Math.Max(0, dy); y < Math.Min(_height, _height + dy); y++)
        {
            int sy = y - dy;
            int x0 = Math.Max(0, dx), x1 = Math.Min(_width, _width + dx);
            if (x1 <= x0) { continue; }
            Array.Copy(source, (sy * _width) + x0 - dx, destination, (y * _width) + x0, x1 - x0);
        }
    }

    private bool[] Camouflage(KeyFrame key, BackgroundPlate plate)
    {
        var result = new bool[_width * _height];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = plate.Known[i] && key.Alpha[i] > 0.5f && plate.Distance(key.Rgb, i) < _high;
        }
        return result;
    }

    private static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - (2 * t));
    }

    private sealed record SegmentData(List<KeyFrame> Keys, BackgroundPlate? Plate, ColourModel Colours);

    private sealed record KeyData(float[] SmallGray, int[] Person, short[] PersonX, short[] PersonY, bool[] Camouflage);
}
