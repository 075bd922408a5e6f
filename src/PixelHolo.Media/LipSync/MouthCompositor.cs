using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>Cuts out a frame's composite mouth region and blends a chosen one into a base frame: aligned on the tracked mouth
/// points, colour-matched (the mean colour of a ring just inside the mask's edge is made equal to the base's there, so
/// lighting differences between the two frames do not show), and blended through a feathered elliptical mask that covers
/// mouth, jaw and chin.</summary>
internal sealed class MouthCompositor
{
    private readonly MouthGeometry _geometry;
    private readonly float[] _mask;
    private readonly bool[] _ring;

    public MouthCompositor(MouthGeometry geometry)
    {
        _geometry = geometry;
        int w = geometry.CompositeWidth;
        int h = geometry.CompositeHeight;
        _mask = new float[w * h];
        _ring = new bool[w * h];
        for (int yy = 0; yy < h; yy++)
        {
            for (int xx = 0; xx < w; xx++)
            {
                float dx = ((xx + 0.5f) / w * 2) - 1;
                float dy = ((yy + 0.5f) / h * 2) - 1;
                float r = MathF.Sqrt((dx * dx) + (dy * dy));
                // Full weight inside r = 0.6, none from r = 0.95: a wide feather hides the seam.
                float t = Math.Clamp((0.95f - r) / 0.35f, 0, 1);
                _mask[(yy * w) + xx] = t * t * (3 - (2 * t));
                _ring[(yy * w) + xx] = r is > 0.8f and < 0.95f;
            }
        }
    }

    public static RgbImage Crop(RgbImage image, MouthGeometry geometry, float mouthX, float mouthY)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(geometry);
        int w = geometry.CompositeWidth;
        int h = geometry.CompositeHeight;
        (int ox, int oy) = geometry.CompositeOrigin(mouthX, mouthY);
        byte[] rgba = new byte[w * h * 4];
        for (int yy = 0; yy < h; yy++)
        {
            int sy = Math.Clamp(oy + yy, 0, image.Height - 1);
            for (int xx = 0; xx < w; xx++)
            {
                int sx = Math.Clamp(ox + xx, 0, image.Width - 1);
                Buffer.BlockCopy(image.Rgba, ((sy * image.Width) + sx) * 4, rgba, ((yy * w) + xx) * 4, 4);
            }
        }
        return new RgbImage(w, h, rgba);
    }

    /// <summary>Blends <paramref name="mouth"/> into <paramref name="target"/> (in place) at the target's mouth point, with
    /// overall weight <paramref name="weight"/> (0 = target unchanged).</summary>
    public void Paste(RgbImage target, RgbImage mouth, float mouthX, float mouthY, float weight)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mouth);
        if (weight <= 0) { return; }
        int w = _geometry.CompositeWidth;
        int h = _geometry.CompositeHeight;
        (int ox, int oy) = _geometry.CompositeOrigin(mouthX, mouthY);
        // Colour match over the ring.
        Span<double> shift = stackalloc double[3];
        int ringCount = 0;
        for (int yy = 0; yy < h; yy++)
        {
            int ty = oy + yy;
            if (ty < 0 || ty >= target.Height) { continue; }
            for (int xx = 0; xx < w; xx++)
            {
                int tx = ox + xx;
                if (tx < 0 || tx >= target.Width || !_ring[(yy * w) + xx]) { continue; }
                int ti = ((ty * target.Width) + tx) * 4;
                int mi = ((yy * w) + xx) * 4;
                for (int c = 0; c < 3; c++) { shift[c] += target.Rgba[ti + c] - mouth.Rgba[mi + c]; }
                ringCount++;
            }
        }
        for (int c = 0; c < 3; c++) { shift[c] = ringCount > 0 ? shift[c] / ringCount : 0; }
        for (int yy = 0; yy < h; yy++)
        {
            int ty = oy + yy;
            if (ty < 0 || ty >= target.Height) { continue; }
            for (int xx = 0; xx < w; xx++)
            {
                int tx = ox + xx;
                float a = _mask[(yy * w) + xx] * weight;
                if (tx < 0 || tx >= target.Width || a <= 0) { continue; }
                int ti = ((ty * target.Width) + tx) * 4;
                int mi = ((yy * w) + xx) * 4;
                for (int c = 0; c < 3; c++)
                {
                    double source = Math.Clamp(mouth.Rgba[mi + c] + shift[c], 0, 255);
                    target.Rgba[ti + c] = (byte)Math.Round((target.Rgba[ti + c] * (1 - a)) + (source * a));
                }
            }
        }
    }
}
