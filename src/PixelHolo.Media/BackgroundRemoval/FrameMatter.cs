namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The fast path for one frame at working size: the key-frame mattes either side give a prior and an uncertain band
/// around the outline; inside the band the difference to the background plate decides (except where the person's colour
/// matched the plate in a key frame); then a guided filter refines the edges and a motion-aware blend with the previous
/// frame's matte removes flicker. Feed frames in order; one instance per video, not thread-safe.</summary>
internal sealed class FrameMatter
{
    private readonly int _width;
    private readonly int _height;
    private readonly IReadOnlyList<KeyFrame> _keys;
    private readonly BackgroundPlate? _plate;
    private readonly bool[][] _camouflage;
    private readonly int _bandRadius;
    private readonly int _guidedRadius;
    private readonly float _guidedEpsilon;
    private readonly float _low;
    private readonly float _high;
    private readonly float _smoothing;
    private readonly float _floor;
    private readonly GuidedFilter _guided;
    private readonly float[] _outer;
    private readonly float[] _inner;
    private readonly float[] _gray;
    private readonly float[] _previousGray;
    private readonly float[] _previousAlpha;
    private readonly float[] _scratch;
    private readonly float[] _maxAlpha;
    private readonly float[] _minAlpha;
    private (int Before, int After) _interval = (-1, -1);
    private bool _hasPrevious;

    public FrameMatter(int width, int height, IReadOnlyList<KeyFrame> keys, BackgroundPlate? plate, MattingOptions options)
    {
        if (keys.Count == 0) { throw new ArgumentException("At least one key frame is needed.", nameof(keys)); }
        _width = width;
        _height = height;
        _keys = keys;
        _plate = plate;
        int shortSide = Math.Min(width, height);
        _bandRadius = Math.Max(2, (int)Math.Round(options.BandFraction * shortSide));
        _guidedRadius = Math.Max(1, (int)Math.Round(options.GuidedFilterRadiusFraction * shortSide));
        _guidedEpsilon = (float)options.GuidedFilterEpsilon;
        _low = (float)options.DifferenceLow;
        _high = (float)Math.Max(options.DifferenceHigh, options.DifferenceLow + 1);
        _smoothing = (float)options.TemporalSmoothing;
        _floor = (float)options.AlphaFloor;
        int n = width * height;
        _guided = new GuidedFilter(width, height);
        _outer = new float[n];
        _inner = new float[n];
        _gray = new float[n];
        _previousGray = new float[n];
        _previousAlpha = new float[n];
        _scratch = new float[n];
        _maxAlpha = new float[n];
        _minAlpha = new float[n];
        _camouflage = plate is null ? [] : [.. keys.Select(k => Camouflage(k, plate))];
    }

    /// <summary>Alpha 0..1 of frame <paramref name="index"/>, written to <paramref name="alpha"/> (working size).</summary>
    public void Matte(ReadOnlySpan<byte> rgb, int index, Span<float> alpha)
    {
        int n = _width * _height;
        (int before, int after) = Surrounding(index);
        KeyFrame a = _keys[before], b = _keys[after];
        float t = a.Index == b.Index ? 0f : (index - a.Index) / (float)(b.Index - a.Index);
        if ((before, after) != _interval) { PrepareInterval(before, after); }

        ImageOps.ToGray(rgb, _gray);
        for (int i = 0; i < n; i++) { alpha[i] = a.Alpha[i] + ((b.Alpha[i] - a.Alpha[i]) * t); }

        if (_plate is not null)
        {
            bool[] camoA = _camouflage[before], camoB = _camouflage[after];
            float mid = (_low + _high) / 2, half = (_high - _low) / 2;
            for (int i = 0; i < n; i++)
            {
                if (_outer[i] == 0) { alpha[i] = 0; continue; }
                if (_inner[i] == 1) { alpha[i] = 1; continue; }
                if (!_plate.Known[i] || ((camoA[i] || camoB[i]) && alpha[i] > 0.5f)) { continue; }
                float d = _plate.Distance(rgb, i);
                float f = SmoothStep(_low, _high, d);
                float confidence = Math.Min(1f, MathF.Abs(d - mid) / half);
                alpha[i] = (confidence * f) + ((1 - confidence) * alpha[i]);
            }
        }

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
            if (_plate is not null && _outer[i] == 0) { v = 0; }
            alpha[i] = v < _floor ? 0f : v > 1 - _floor ? 1f : v;
        }
        alpha.CopyTo(_previousAlpha);
        _gray.CopyTo(_previousGray.AsSpan());
        _hasPrevious = true;
    }

    private (int Before, int After) Surrounding(int index)
    {
        int after = 0;
        while (after < _keys.Count && _keys[after].Index < index) { after++; }
        if (after == _keys.Count) { return (_keys.Count - 1, _keys.Count - 1); }
        if (_keys[after].Index == index || after == 0) { return (after, after); }
        return (after - 1, after);
    }

    private void PrepareInterval(int before, int after)
    {
        _interval = (before, after);
        if (_plate is null) { return; }
        float[] a = _keys[before].Alpha, b = _keys[after].Alpha;
        for (int i = 0; i < a.Length; i++)
        {
            _maxAlpha[i] = Math.Max(a[i], b[i]);
            _minAlpha[i] = Math.Min(a[i], b[i]);
        }
        ImageOps.Dilate(_maxAlpha, 0.02f, _outer, _width, _height, _bandRadius, _scratch);
        ImageOps.Erode(_minAlpha, 0.98f, _inner, _width, _height, _bandRadius, _scratch);
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
}
