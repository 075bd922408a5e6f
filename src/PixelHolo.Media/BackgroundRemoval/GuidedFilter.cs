namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Edge-preserving refinement of an alpha matte, guided by the frame's luma (He, Sun and Tang, "Guided Image Filtering",
/// 2010): q = a·I + b with a, b fitted per window, so the matte's edges follow the image's edges (hair, shoulders) without a halo.
/// With a <c>subsample</c> factor s it is the fast guided filter (He and Sun, 2015): a and b are fitted on images s times smaller
/// (s² fewer pixels through the six box filters) and only the final q = a·I + b uses the full-size guide, so edges stay sharp.
/// One instance per thread: it owns its scratch buffers.</summary>
internal sealed class GuidedFilter
{
    private readonly int _width;
    private readonly int _height;
    private readonly int _subsample;
    private readonly int _lowWidth;
    private readonly int _lowHeight;
    private readonly float[] _meanI;
    private readonly float[] _meanP;
    private readonly float[] _corrII;
    private readonly float[] _corrIP;
    private readonly float[] _product;
    private readonly float[] _scratch;
    private readonly float[] _lowGuide;
    private readonly float[] _lowInput;
    private readonly float[] _fullA;
    private readonly float[] _fullB;

    public GuidedFilter(int width, int height, int subsample = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subsample, 1);
        _width = width;
        _height = height;
        _subsample = subsample;
        _lowWidth = (width + subsample - 1) / subsample;
        _lowHeight = (height + subsample - 1) / subsample;
        int n = _lowWidth * _lowHeight;
        _meanI = new float[n];
        _meanP = new float[n];
        _corrII = new float[n];
        _corrIP = new float[n];
        _product = new float[n];
        _scratch = new float[n];
        _lowGuide = subsample == 1 ? [] : new float[n];
        _lowInput = subsample == 1 ? [] : new float[n];
        _fullA = subsample == 1 ? [] : new float[width * height];
        _fullB = subsample == 1 ? [] : new float[width * height];
    }

    /// <param name="guide">Luma 0..1.</param>
    /// <param name="input">Matte to refine, 0..1.</param>
    /// <param name="output">Refined matte (may be the same buffer as <paramref name="input"/>), clamped to 0..1.</param>
    /// <param name="radius">Window radius in (full-size) pixels.</param>
    /// <param name="epsilon">Regularisation: larger keeps the input, smaller follows the guide's edges more.</param>
    public void Apply(ReadOnlySpan<float> guide, ReadOnlySpan<float> input, Span<float> output, int radius, float epsilon)
    {
        int n = _width * _height;
        if (_subsample == 1)
        {
            Coefficients(guide, input, _width, _height, radius, epsilon);
            for (int i = 0; i < n; i++) { output[i] = Math.Clamp((_meanI[i] * guide[i]) + _meanP[i], 0f, 1f); }
            return;
        }
        Shrink(guide, _lowGuide);
        Shrink(input, _lowInput);
        Coefficients(_lowGuide, _lowInput, _lowWidth, _lowHeight, Math.Max(1, (int)Math.Round(radius / (double)_subsample)), epsilon);
        // The low-resolution grid covers _lowWidth·s ≥ width pixels; resample it over exactly that span, then keep the frame's part.
        Upsample(_meanI, _fullA);
        Upsample(_meanP, _fullB);
        for (int i = 0; i < n; i++) { output[i] = Math.Clamp((_fullA[i] * guide[i]) + _fullB[i], 0f, 1f); }
    }

    /// <summary>Mean a and mean b of the guided filter, left in <see cref="_meanI"/> and <see cref="_meanP"/>.</summary>
    private void Coefficients(ReadOnlySpan<float> guide, ReadOnlySpan<float> input, int width, int height, int radius, float epsilon)
    {
        int n = width * height;
        ImageOps.BoxMean(guide, _meanI, width, height, radius, _scratch);
        ImageOps.BoxMean(input, _meanP, width, height, radius, _scratch);
        for (int i = 0; i < n; i++) { _product[i] = guide[i] * guide[i]; }
        ImageOps.BoxMean(_product.AsSpan(0, n), _corrII, width, height, radius, _scratch);
        for (int i = 0; i < n; i++) { _product[i] = guide[i] * input[i]; }
        ImageOps.BoxMean(_product.AsSpan(0, n), _corrIP, width, height, radius, _scratch);

        // a and b reuse the correlation buffers.
        float[] a = _corrIP, b = _corrII;
        for (int i = 0; i < n; i++)
        {
            float mi = _meanI[i], mp = _meanP[i];
            float variance = _corrII[i] - (mi * mi);
            float covariance = _corrIP[i] - (mi * mp);
            float ai = covariance / (variance + epsilon);
            a[i] = ai;
            b[i] = mp - (ai * mi);
        }
        ImageOps.BoxMean(a.AsSpan(0, n), _meanI, width, height, radius, _scratch);
        ImageOps.BoxMean(b.AsSpan(0, n), _meanP, width, height, radius, _scratch);
    }

    /// <summary>Box average over s×s blocks (the last block of a row or column averages the pixels it has).</summary>
    private void Shrink(ReadOnlySpan<float> source, float[] destination)
    {
        int s = _subsample;
        for (int y = 0; y < _lowHeight; y++)
        {
            int yEnd = Math.Min(_height, (y + 1) * s);
            for (int x = 0; x < _lowWidth; x++)
            {
                int xEnd = Math.Min(_width, (x + 1) * s);
                float sum = 0;
                int count = 0;
                for (int yy = y * s; yy < yEnd; yy++)
                {
                    for (int xx = x * s; xx < xEnd; xx++) { sum += source[(yy * _width) + xx]; count++; }
                }
                destination[(y * _lowWidth) + x] = sum / count;
            }
        }
    }

    /// <summary>Bilinear from the low grid (block centres) to every full-size pixel, edges clamped.</summary>
    private void Upsample(float[] low, float[] full)
    {
        float inv = 1f / _subsample;
        for (int y = 0; y < _height; y++)
        {
            float fy = Math.Clamp(((y + 0.5f) * inv) - 0.5f, 0, _lowHeight - 1);
            int y0 = (int)fy, y1 = Math.Min(_lowHeight - 1, y0 + 1);
            float wy = fy - y0;
            for (int x = 0; x < _width; x++)
            {
                float fx = Math.Clamp(((x + 0.5f) * inv) - 0.5f, 0, _lowWidth - 1);
                int x0 = (int)fx, x1 = Math.Min(_lowWidth - 1, x0 + 1);
                float wx = fx - x0;
                float top = low[(y0 * _lowWidth) + x0] + ((low[(y0 * _lowWidth) + x1] - low[(y0 * _lowWidth) + x0]) * wx);
                float bottom = low[(y1 * _lowWidth) + x0] + ((low[(y1 * _lowWidth) + x1] - low[(y1 * _lowWidth) + x0]) * wx);
                full[(y * _width) + x] = top + ((bottom - top) * wy);
            }
        }
    }
}
