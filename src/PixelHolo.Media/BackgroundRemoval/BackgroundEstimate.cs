namespace PixelHolo.Media.BackgroundRemoval;

/// <summary>The background colour behind each pixel of a frame at working size, for edge decontamination: the segment's
/// background plate where it is known, else the mean colour of the frame's own background (alpha 0) within a radius.</summary>
internal sealed class BackgroundEstimate
{
    private const float MinShare = 0.02f;   // of the window must be background for a local estimate

    private readonly int _width;
    private readonly int _height;
    private readonly int _radius;
    private readonly float[] _rgb;
    private readonly bool[] _known;
    private readonly float[] _mask;
    private readonly float[] _weight;
    private readonly float[] _channel;
    private readonly float[] _mean;
    private readonly float[] _scratch;

    public BackgroundEstimate(int width, int height, int radius)
    {
        _width = width;
        _height = height;
        _radius = Math.Max(1, radius);
        int n = width * height;
        _rgb = new float[n * 3];
        _known = new bool[n];
        _mask = new float[n];
        _weight = new float[n];
        _channel = new float[n];
        _mean = new float[n];
        _scratch = new float[n];
    }

    public int Width => _width;

    public int Height => _height;

    /// <summary>Background colour, packed RGB 0..255 (valid where <see cref="Known"/>).</summary>
    public ReadOnlySpan<float> Rgb => _rgb;

    public ReadOnlySpan<bool> Known => _known;

    /// <summary>Estimates the background behind the edge pixels (0 &lt; alpha &lt; 1) of a matted frame.</summary>
    public void Update(ReadOnlySpan<byte> rgb, ReadOnlySpan<float> alpha, BackgroundPlate? plate)
    {
        int n = _width * _height;
        bool needLocal = false;
        for (int i = 0; i < n; i++)
        {
            _known[i] = false;
            if (alpha[i] <= 0 || alpha[i] >= 1) { continue; }
            if (plate is not null && plate.Known[i])
            {
                _known[i] = true;
                _rgb[i * 3] = plate.Rgb[i * 3];
                _rgb[(i * 3) + 1] = plate.Rgb[(i * 3) + 1];
                _rgb[(i * 3) + 2] = plate.Rgb[(i * 3) + 2];
            }
            else { needLocal = true; }
        }
        if (!needLocal) { return; }
        for (int i = 0; i < n; i++) { _mask[i] = alpha[i] <= 0 ? 1 : 0; }
        ImageOps.BoxMean(_mask, _weight, _width, _height, _radius, _scratch);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < n; i++) { _channel[i] = rgb[(i * 3) + c] * _mask[i]; }
            ImageOps.BoxMean(_channel, _mean, _width, _height, _radius, _scratch);
            for (int i = 0; i < n; i++)
            {
                if (_known[i] || alpha[i] <= 0 || alpha[i] >= 1 || _weight[i] < MinShare) { continue; }
                _rgb[(i * 3) + c] = _mean[i] / _weight[i];
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (!_known[i] && alpha[i] > 0 && alpha[i] < 1 && _weight[i] >= MinShare) { _known[i] = true; }
        }
    }
}
