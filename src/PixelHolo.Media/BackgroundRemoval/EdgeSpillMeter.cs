namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>How much of the background's colour is left in the lit edge pixels of a matte ("edgeSpill", docs/matting.md).
/// The full model's matte says where the person surely is (alpha ≥ 0.95) and surely is not (≤ 0.05); the local means of the
/// source colour over those two regions give a foreground colour F and a background colour B near each pixel. Every output
/// pixel that is lit (not exactly black) but not surely person is written as x·F + y·B (least squares, x, y ≥ 0); y, clamped to
/// 0..1, is the share of background in it. A plain alpha × frame edge has y ≈ alpha·(1 − true alpha), about 0.25 halfway
/// across the edge; a decontaminated one has y ≈ 0; a band of background kept around the person has y ≈ 1.
/// Pixels where F and B are too alike to tell apart (mean |ΔRGB| under 24) are not counted.</summary>
internal sealed class EdgeSpillMeter
{
    private const float SurelyPerson = 0.95f;
    private const float SurelyBackground = 0.05f;
    private const float Distinguishable = 24f;
    private const float MinWeight = 1e-3f;   // the box sums run in floats: ignore windows with (almost) no pixel of the kind

    private readonly int _width;
    private readonly int _height;
    private readonly int _radius;
    private readonly float[] _mask;
    private readonly float[] _channel;
    private readonly float[] _weight;
    private readonly float[][] _foreground;
    private readonly float[][] _background;
    private readonly float[] _foregroundWeight;
    private readonly float[] _backgroundWeight;
    private readonly float[] _scratch;

    public EdgeSpillMeter(int width, int height)
    {
        _width = width;
        _height = height;
        int n = width * height;
        _radius = Math.Max(3, (int)Math.Round(0.03 * Math.Min(width, height)));
        _mask = new float[n];
        _channel = new float[n];
        _weight = new float[n];
        _foreground = [new float[n], new float[n], new float[n]];
        _background = [new float[n], new float[n], new float[n]];
        _foregroundWeight = new float[n];
        _backgroundWeight = new float[n];
        _scratch = new float[n];
    }

    /// <param name="source">The frame, RGB24.</param>
    /// <param name="output">The matted frame as shown (decoded), RGB24.</param>
    /// <param name="truth">The full model's alpha at the same size.</param>
    /// <returns>The sum of the background shares over the counted pixels, and how many pixels were counted.</returns>
    public (double Sum, long Pixels) Measure(ReadOnlySpan<byte> source, ReadOnlySpan<byte> output, ReadOnlySpan<float> truth)
    {
        int n = _width * _height;
        LocalMeans(source, truth, person: true, _foreground, _foregroundWeight);
        LocalMeans(source, truth, person: false, _background, _backgroundWeight);
        double sum = 0;
        long pixels = 0;
        for (int i = 0; i < n; i++)
        {
            int j = i * 3;
            if (truth[i] >= SurelyPerson || (output[j] | output[j + 1] | output[j + 2]) == 0) { continue; }
            if (_foregroundWeight[i] < MinWeight || _backgroundWeight[i] < MinWeight) { continue; }
            float fr = _foreground[0][i], fg = _foreground[1][i], fb = _foreground[2][i];
            float br = _background[0][i], bg = _background[1][i], bb = _background[2][i];
            if ((MathF.Abs(fr - br) + MathF.Abs(fg - bg) + MathF.Abs(fb - bb)) / 3f < Distinguishable) { continue; }
            sum += BackgroundShare(output[j], output[j + 1], output[j + 2], (fr, fg, fb), (br, bg, bb));
            pixels++;
        }
        return (sum, pixels);
    }

    /// <summary>y of the non-negative least-squares fit p ≈ x·f + y·b, clamped to 0..1.</summary>
    internal static double BackgroundShare(float pr, float pg, float pb, (float R, float G, float B) f, (float R, float G, float B) b)
    {
        double ff = (f.R * f.R) + (f.G * f.G) + (f.B * f.B);
        double bbDot = (b.R * b.R) + (b.G * b.G) + (b.B * b.B);
        double fb = (f.R * b.R) + (f.G * b.G) + (f.B * b.B);
        double pf = (pr * f.R) + (pg * f.G) + (pb * f.B);
        double pbDot = (pr * b.R) + (pg * b.G) + (pb * b.B);
        double det = (ff * bbDot) - (fb * fb);
        double x, y;
        if (Math.Abs(det) < 1e-9) { (x, y) = (ff > 0 ? pf / ff : 0, 0); }
        else
        {
            x = ((pf * bbDot) - (pbDot * fb)) / det;
            y = ((pbDot * ff) - (pf * fb)) / det;
        }
        if (x < 0) { y = bbDot > 0 ? pbDot / bbDot : 0; }
        else if (y < 0) { y = 0; }
        return Math.Clamp(y, 0, 1);
    }

    private void LocalMeans(ReadOnlySpan<byte> source, ReadOnlySpan<float> truth, bool person, float[][] means, float[] weight)
    {
        int n = _width * _height;
        for (int i = 0; i < n; i++) { _mask[i] = person ? (truth[i] >= SurelyPerson ? 1 : 0) : (truth[i] <= SurelyBackground ? 1 : 0); }
        ImageOps.BoxMean(_mask, weight, _width, _height, _radius, _scratch);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < n; i++) { _channel[i] = source[(i * 3) + c] * _mask[i]; }
            ImageOps.BoxMean(_channel, _weight, _width, _height, _radius, _scratch);
            float[] mean = means[c];
            for (int i = 0; i < n; i++) { mean[i] = weight[i] >= MinWeight ? _weight[i] / weight[i] : 0; }
        }
    }
}
