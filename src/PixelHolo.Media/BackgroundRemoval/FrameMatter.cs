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
    private const int AlignFactor = 4;
    private readonly int _smallWidth;
    private readonly int _smallHeight;
    private readonly int _alignRadius;
    private readonly float[][] _keySmallGray;
    private readonly int[][] _keyPersonPixels;
    private readonly short[][] _keyPersonX;
    private readonly short[][] _keyPersonY;
    private readonly float[] _frameSmallGray;
    private readonly float[] _shiftedA;
    private readonly float[] _shiftedB;
    private readonly bool[] _camoA;
    private readonly bool[] _camoB;
    private (int Before, int After, int Ax, int Ay, int Bx, int By) _interval = (-1, -1, 0, 0, 0, 0);
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
        _smallWidth = Math.Max(1, width / AlignFactor);
        _smallHeight = Math.Max(1, height / AlignFactor);
        _alignRadius = Math.Max(1, (int)Math.Round(0.1 * Math.Min(_smallWidth, _smallHeight)));
        _frameSmallGray = new float[_smallWidth * _smallHeight];
        _shiftedA = new float[n];
        _shiftedB = new float[n];
        _camoA = new bool[n];
        _camoB = new bool[n];
        if (plate is null)
        {
            _keySmallGray = [];
            _keyPersonPixels = [];
            _keyPersonX = [];
            _keyPersonY = [];
        }
        else
        {
            var gray = new float[n];
            _keySmallGray = new float[keys.Count][];
            _keyPersonPixels = new int[keys.Count][];
            _keyPersonX = new short[keys.Count][];
            _keyPersonY = new short[keys.Count][];
            for (int k = 0; k < keys.Count; k++)
            {
                ImageOps.ToGray(keys[k].Rgb, gray);
                _keySmallGray[k] = Shrink(gray);
                float[] smallAlpha = Shrink(keys[k].Alpha);
                _keyPersonPixels[k] = [.. Enumerable.Range(0, smallAlpha.Length).Where(i => smallAlpha[i] > 0.5f)];
                _keyPersonX[k] = [.. _keyPersonPixels[k].Select(i => (short)(i % _smallWidth))];
                _keyPersonY[k] = [.. _keyPersonPixels[k].Select(i => (short)(i / _smallWidth))];
            }
        }
    }

    /// <summary>Alpha 0..1 of frame <paramref name="index"/>, written to <paramref name="alpha"/> (working size).</summary>
    public void Matte(ReadOnlySpan<byte> rgb, int index, Span<float> alpha)
    {
        int n = _width * _height;
        (int before, int after) = Surrounding(index);
        KeyFrame a = _keys[before], b = _keys[after];
        float t = a.Index == b.Index ? 0f : (index - a.Index) / (float)(b.Index - a.Index);
        ImageOps.ToGray(rgb, _gray);
        if (_plate is null)
        {
            for (int i = 0; i < n; i++) { alpha[i] = a.Alpha[i] + ((b.Alpha[i] - a.Alpha[i]) * t); }
        }
        else
        {
            // The person moves between key frames: shift each key's matte by where its picture of the person fits this frame best.
            float[] small = Shrink(_gray, _frameSmallGray);
            (int ax, int ay) = Align(before, small);
            (int bx, int by) = a.Index == b.Index ? (ax, ay) : Align(after, small);
            if ((before, after, ax, ay, bx, by) != _interval) { PrepareInterval(before, after, ax, ay, bx, by); }
            for (int i = 0; i < n; i++) { alpha[i] = _shiftedA[i] + ((_shiftedB[i] - _shiftedA[i]) * t); }
            bool[] camoA = _camoA, camoB = _camoB;
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

    private void PrepareInterval(int before, int after, int ax, int ay, int bx, int by)
    {
        _interval = (before, after, ax, ay, bx, by);
        Shift(_keys[before].Alpha, _shiftedA, ax * AlignFactor, ay * AlignFactor);
        Shift(_keys[after].Alpha, _shiftedB, bx * AlignFactor, by * AlignFactor);
        Shift(_camouflage[before], _camoA, ax * AlignFactor, ay * AlignFactor);
        Shift(_camouflage[after], _camoB, bx * AlignFactor, by * AlignFactor);
        for (int i = 0; i < _shiftedA.Length; i++)
        {
            _maxAlpha[i] = Math.Max(_shiftedA[i], _shiftedB[i]);
            _minAlpha[i] = Math.Min(_shiftedA[i], _shiftedB[i]);
        }
        ImageOps.Dilate(_maxAlpha, 0.02f, _outer, _width, _height, _bandRadius, _scratch);
        ImageOps.Erode(_minAlpha, 0.98f, _inner, _width, _height, _bandRadius, _scratch);
    }

    /// <summary>Shift (in small pixels) that best lays key <paramref name="key"/>'s person onto the frame: coarse search on a
    /// 2-pixel grid, then ±1 around the best; a small cost per pixel of shift keeps a still person at (0, 0).</summary>
    private (int Dx, int Dy) Align(int key, float[] frame)
    {
        float[] keyGray = _keySmallGray[key];
        int[] person = _keyPersonPixels[key];
        short[] px = _keyPersonX[key], py = _keyPersonY[key];
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
        const float Area = AlignFactor * AlignFactor;
        for (int y = 0; y < _smallHeight; y++)
        {
            for (int x = 0; x < _smallWidth; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < AlignFactor; dy++)
                {
                    int row = (((y * AlignFactor) + dy) * _width) + (x * AlignFactor);
                    for (int dx = 0; dx < AlignFactor; dx++) { sum += source[row + dx]; }
                }
                result[(y * _smallWidth) + x] = sum / Area;
            }
        }
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
}
