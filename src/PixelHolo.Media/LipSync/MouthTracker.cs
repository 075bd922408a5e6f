using PixelHolo.Core.Vision;
using PixelHolo.Media.Composition;

namespace PixelHolo.Media.LipSync;

/// <summary>A mouth point per frame and the face width, from the face detector's mouth keypoint, with missed frames filled
/// from their neighbours and the jitter of single detections removed (a 5-frame median, then a 3-frame mean) before a
/// template refinement: each frame's mouth region is matched by normalised cross-correlation within ±3 px against the
/// previous refined frame's, and a confident match moves the point half-way to it.</summary>
internal static class MouthTracker
{
    /// <summary>Detects the mouth in one frame: the most confident face's mouth keypoint and its width, or null.</summary>
    public static (float X, float Y, float FaceWidth)? Detect(IFaceDetector detector, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(image);
        byte[] rgb = new byte[image.Width * image.Height * 3];
        byte[] rgba = image.Rgba;
        for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
        DetectedFace? face = detector.Detect(rgb, image.Width, image.Height).OrderByDescending(f => f.Score).FirstOrDefault();
        if (face is null || face.Keypoints.Count < 4) { return null; }
        FacePoint mouth = face.Keypoints[3];
        return (mouth.X, mouth.Y, face.Width);
    }

    /// <summary>Fills gaps and smooths a raw track. Throws when fewer than half the frames had a face.</summary>
    /// <param name="attempted">Frames the detector ran on (the others are null by design and interpolated).</param>
    public static (float[] X, float[] Y, float FaceWidth) Smooth(IReadOnlyList<(float X, float Y, float FaceWidth)?> raw, int attempted, string what)
    {
        ArgumentNullException.ThrowIfNull(raw);
        int n = raw.Count;
        int found = raw.Count(r => r is not null);
        if (n == 0 || found < Math.Max(1, attempted / 2))
        {
            throw new InvalidDataException($"{what}: a face was found in only {found} of {attempted} frames searched, too few for a mouth track. Lip-sync needs the face visible most of the time; loop mode is used instead.");
        }
        float[] x = new float[n];
        float[] y = new float[n];
        int lastKnown = -1;
        for (int i = 0; i < n; i++)
        {
            if (raw[i] is not { } r) { continue; }
            x[i] = r.X;
            y[i] = r.Y;
            // Fill the gap since the last detection linearly (or with this one at the start).
            for (int g = lastKnown + 1; g < i; g++)
            {
                float f = lastKnown < 0 ? 1 : (g - lastKnown) / (float)(i - lastKnown);
                x[g] = lastKnown < 0 ? r.X : x[lastKnown] + ((r.X - x[lastKnown]) * f);
                y[g] = lastKnown < 0 ? r.Y : y[lastKnown] + ((r.Y - y[lastKnown]) * f);
            }
            lastKnown = i;
        }
        for (int g = lastKnown + 1; g < n; g++)
        {
            x[g] = x[lastKnown];
            y[g] = y[lastKnown];
        }
        float width = Median([.. raw.Where(r => r is not null).Select(r => r!.Value.FaceWidth)]);
        return (Mean3(Median5(x)), Mean3(Median5(y)), width);
    }

    /// <summary>Refines the point of frame <paramref name="current"/> by template matching (integer shifts within
    /// ±<paramref name="radius"/> px) of the upper-lip and nose region, which moves rigidly with the head, against the previous
    /// frame's refined position. The detection stays the anchor (half the shift is taken), so the track cannot drift.</summary>
    public static (float X, float Y) Refine(RgbImage previous, float previousX, float previousY, RgbImage current, float x, float y, float faceWidth, int radius = 3)
    {
        float[] template = Rigid(previous, previousX, previousY, faceWidth);
        float best = float.NegativeInfinity;
        (int dx, int dy) shift = (0, 0);
        for (int dy = -radius; dy <= radius; dy++)
        {
            for (int dx = -radius; dx <= radius; dx++)
            {
                float score = Ncc(template, Rigid(current, x + dx, y + dy, faceWidth));
                if (score > best)
                {
                    best = score;
                    shift = (dx, dy);
                }
            }
        }
        return best > 0.9f ? (x + (0.5f * shift.dx), y + (0.5f * shift.dy)) : (x, y);
    }

    private static float[] Rigid(RgbImage image, float mx, float my, float faceWidth) =>
        MouthGeometry.Sample(image, mx, my - (0.16f * faceWidth), 0.5f * faceWidth, 0.18f * faceWidth, 20, 8);

    private static float Ncc(float[] a, float[] b)
    {
        float ma = a.Average();
        float mb = b.Average();
        float num = 0;
        float da = 0;
        float db = 0;
        for (int i = 0; i < a.Length; i++)
        {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return num / (MathF.Sqrt(da * db) + 1e-6f);
    }

    private static float[] Median5(float[] v)
    {
        float[] r = new float[v.Length];
        float[] window = new float[5];
        for (int i = 0; i < v.Length; i++)
        {
            for (int k = -2; k <= 2; k++) { window[k + 2] = v[Math.Clamp(i + k, 0, v.Length - 1)]; }
            r[i] = Median(window);
        }
        return r;
    }

    private static float[] Mean3(float[] v)
    {
        float[] r = new float[v.Length];
        for (int i = 0; i < v.Length; i++) { r[i] = (v[Math.Max(0, i - 1)] + v[i] + v[Math.Min(v.Length - 1, i + 1)]) / 3; }
        return r;
    }

    public static float Median(float[] values)
    {
        float[] sorted = [.. values.OrderBy(v => v)];
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
