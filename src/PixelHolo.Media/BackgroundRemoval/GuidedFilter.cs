namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>Edge-preserving refinement of an alpha matte, guided by the frame's luma (He, Sun and Tang, "Guided Image Filtering",
/// 2010): q = a·I + b with a, b fitted per window, so the matte's edges follow the image's edges (hair, shoulders) without a halo.
/// One instance per thread: it owns its scratch buffers.</summary>
internal sealed class GuidedFilter
{
    private readonly int _width;
    private readonly int _height;
    private readonly float[] _meanI;
    private readonly float[] _meanP;
    private readonly float[] _corrII;
    private readonly float[] _corrIP;
    private readonly float[] _product;
    private readonly float[] _scratch;

    public GuidedFilter(int width, int height)
    {
        _width = width;
        _height = height;
        int n = width * height;
        _meanI = new float[n];
        _meanP = new float[n];
        _corrII = new float[n];
        _corrIP = new float[n];
        _product = new float[n];
        _scratch = new float[n];
    }

    /// <param name="guide">Luma 0..1.</param>
    /// <param name="input">Matte to refine, 0..1.</param>
    /// <param name="output">Refined matte (may be the same buffer as <paramref name="input"/>), clamped to 0..1.</param>
    /// <param name="radius">Window radius in pixels.</param>
    /// <param name="epsilon">Regularisation: larger keeps the input, smaller follows the guide's edges more.</param>
    public void Apply(ReadOnlySpan<float> guide, ReadOnlySpan<float> input, Span<float> output, int radius, float epsilon)
    {
        int n = _width * _height;
        ImageOps.BoxMean(guide, _meanI, _width, _height, radius, _scratch);
        ImageOps.BoxMean(input, _meanP, _width, _height, radius, _scratch);
        for (int i = 0; i < n; i++) { _product[i] = guide[i] * guide[i]; }
        ImageOps.BoxMean(_product, _corrII, _width, _height, radius, _scratch);
        for (int i = 0; i < n; i++) { _product[i] = guide[i] * input[i]; }
        ImageOps.BoxMean(_product, _corrIP, _width, _height, radius, _scratch);

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
        ImageOps.BoxMean(a, _meanI, _width, _height, radius, _scratch);
        ImageOps.BoxMean(b, _meanP, _width, _height, radius, _scratch);
        for (int i = 0; i < n; i++)
        {
            output[i] = Math.Clamp((_meanI[i] * guide[i]) + _meanP[i], 0f, 1f);
        }
    }
}
