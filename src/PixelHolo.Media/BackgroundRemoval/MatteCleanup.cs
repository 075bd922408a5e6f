namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Removes ghost patches and fills holes: a region of alpha that touches neither the person's largest region nor any
/// place where the key frames' (aligned) full-model matte shows the person is dropped, and a region of background enclosed by
/// the person is filled with the key matte there, when the key matte shows person over most of it (a gap the full model saw,
/// between an arm and the body, stays open). One instance per thread: it owns its buffers.</summary>
internal sealed class MatteCleanup
{
    private readonly int _width;
    private readonly int _height;
    private readonly int[] _labels;
    private readonly int[] _stack;
    private readonly List<Region> _regions = [];

    public MatteCleanup(int width, int height)
    {
        _width = width;
        _height = height;
        _labels = new int[width * height];
        _stack = new int[width * height];
    }

    /// <param name="alpha">The matte, changed in place.</param>
    /// <param name="anchor">Where the full model put the person (the key mattes aligned to this frame), 0..1.</param>
    /// <returns>Pixels dropped and pixels filled.</returns>
    public (int Dropped, int Filled) Apply(Span<float> alpha, ReadOnlySpan<float> anchor)
    {
        int dropped = 0, filled = 0;
        Label(alpha, anchor, person: true);
        int largest = -1;
        for (int r = 0; r < _regions.Count; r++)
        {
            if (largest < 0 || _regions[r].Size > _regions[largest].Size) { largest = r; }
        }
        for (int i = 0; i < alpha.Length; i++)
        {
            int r = _labels[i] - 1;
            if (r < 0 || r == largest || _regions[r].Anchored > 0) { continue; }
            alpha[i] = 0;
            dropped++;
        }
        Label(alpha, anchor, person: false);
        for (int i = 0; i < alpha.Length; i++)
        {
            int r = _labels[i] - 1;
            if (r < 0) { continue; }
            Region region = _regions[r];
            if (region.TouchesBorder || region.Anchored * 2 <= region.Size) { continue; }
            if (anchor[i] > alpha[i]) { alpha[i] = anchor[i]; filled++; }
        }
        return (dropped, filled);
    }

    /// <summary>Labels the regions of alpha &gt; 0 (8-connected) or of alpha &lt; 0.5 (4-connected, the complement's usual pair).</summary>
    private void Label(ReadOnlySpan<float> alpha, ReadOnlySpan<float> anchor, bool person)
    {
        Array.Clear(_labels);
        _regions.Clear();
        int w = _width, h = _height;
        for (int seed = 0; seed < alpha.Length; seed++)
        {
            if (_labels[seed] != 0 || !Inside(alpha[seed], person)) { continue; }
            var region = new Region();
            int label = _regions.Count + 1;
            int top = 0;
            _stack[top++] = seed;
            _labels[seed] = label;
            while (top > 0)
            {
                int i = _stack[--top];
                int x = i % w, y = i / w;
                region.Size++;
                if (anchor[i] > 0.5f) { region.Anchored++; }
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1) { region.TouchesBorder = true; }
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = y + dy;
                    if ((uint)yy >= (uint)h) { continue; }
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx;
                        if ((dx == 0 && dy == 0) || (uint)xx >= (uint)w || (!person && dx != 0 && dy != 0)) { continue; }
                        int k = (yy * w) + xx;
                        if (_labels[k] != 0 || !Inside(alpha[k], person)) { continue; }
                        _labels[k] = label;
                        _stack[top++] = k;
                    }
                }
            }
            _regions.Add(region);
        }
    }

    private static bool Inside(float alpha, bool person) => person ? alpha > 0 : alpha < 0.5f;

    private sealed class Region
    {
        public int Size { get; set; }
        public int Anchored { get; set; }
        public bool TouchesBorder { get; set; }
    }
}
