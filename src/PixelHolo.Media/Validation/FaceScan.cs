using PixelHolo.Core.Vision;

namespace PixelHolo.Media.Validation;

/// <summary>Face detection over a whole frame and, for frames far from square, over square tiles too: the detector letterboxes a
/// wide frame into its small square input, where two people side by side become too small to find.</summary>
internal static class FaceScan
{
    public static IReadOnlyList<DetectedFace> DetectAll(IFaceDetector detector, byte[] rgb24, int width, int height)
    {
        var found = new List<DetectedFace>(detector.Detect(rgb24, width, height));
        int side = Math.Min(width, height);
        if (Math.Max(width, height) > side * 1.3)
        {
            bool wide = width > height;
            int length = wide ? width : height;
            int tiles = (int)Math.Ceiling(length / (double)side);
            for (int t = 0; t < tiles; t++)
            {
                int start = tiles == 1 ? 0 : (int)Math.Round((length - side) * t / (double)(tiles - 1));
                byte[] tile = Crop(rgb24, width, wide ? start : 0, wide ? 0 : start, side, side);
                foreach (DetectedFace f in detector.Detect(tile, side, side))
                {
                    found.Add(f with { X = f.X + (wide ? start : 0), Y = f.Y + (wide ? 0 : start), Keypoints = [.. f.Keypoints.Select(k => new FacePoint(k.X + (wide ? start : 0), k.Y + (wide ? 0 : start)))] });
                }
            }
        }
        return Merge(found);
    }

    /// <summary>Greedy: keep the best-scoring face, drop any that overlaps it (IoU over 0.3 or mostly inside it).</summary>
    private static List<DetectedFace> Merge(List<DetectedFace> faces)
    {
        var kept = new List<DetectedFace>();
        foreach (DetectedFace f in faces.OrderByDescending(f => f.Score))
        {
            if (kept.All(k => !Same(k, f))) { kept.Add(f); }
        }
        return kept;
    }

    private static bool Same(DetectedFace a, DetectedFace b)
    {
        float x0 = Math.Max(a.X, b.X), y0 = Math.Max(a.Y, b.Y);
        float x1 = Math.Min(a.X + a.Width, b.X + b.Width), y1 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        float inter = Math.Max(0, x1 - x0) * Math.Max(0, y1 - y0);
        float areaA = a.Width * a.Height, areaB = b.Width * b.Height;
        return inter / (areaA + areaB - inter) > 0.3f || inter / Math.Min(areaA, areaB) > 0.6f;
    }

    private static byte[] Crop(byte[] rgb24, int width, int x0, int y0, int w, int h)
    {
        var result = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            Buffer.BlockCopy(rgb24, (((y0 + y) * width) + x0) * 3, result, y * w * 3, w * 3);
        }
        return result;
    }
}
