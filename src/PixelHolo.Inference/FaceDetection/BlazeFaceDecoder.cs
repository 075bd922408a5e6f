using PixelHolo.Core.Vision;

namespace PixelHolo.Inference.FaceDetection;

/// <summary>Turns BlazeFace's raw outputs into faces in frame pixels: anchors, sigmoid scores, box and keypoint
/// offsets, then non-maximum suppression. Pure: the model's layout is described in shared/MODELS.md.</summary>
internal static class BlazeFaceDecoder
{
    /// <summary>Values per anchor in the regressor outputs: box centre x, y, width, height, then six (x, y) keypoints.</summary>
    public const int RegressorsPerAnchor = 16;

    public const int KeypointCount = 6;

    /// <summary>The two anchor grids of both models: 16×16 cells with 2 anchors each (512), and 8×8 with 6 (384).</summary>
    public static readonly AnchorGrid Fine = new(Cells: 16, AnchorsPerCell: 2);

    public static readonly AnchorGrid Coarse = new(Cells: 8, AnchorsPerCell: 6);

    public static float Sigmoid(float logit) => 1f / (1f + MathF.Exp(-Math.Clamp(logit, -100f, 100f)));

    /// <summary>Adds every anchor of <paramref name="grid"/> whose score reaches <paramref name="scoreThreshold"/>.</summary>
    public static void AddCandidates(
        List<DetectedFace> candidates, AnchorGrid grid, ReadOnlySpan<float> logits, ReadOnlySpan<float> regressors,
        float scoreThreshold, Letterbox letterbox, int frameWidth, int frameHeight)
    {
        if (logits.Length < grid.Count || regressors.Length < grid.Count * RegressorsPerAnchor)
        {
            throw new ArgumentException(
                $"BlazeFace output too short for a {grid.Cells}×{grid.Cells} grid: {logits.Length} scores and {regressors.Length} regressors.");
        }
        float inputSize = letterbox.InputSize;
        for (int i = 0; i < grid.Count; i++)
        {
            float score = Sigmoid(logits[i]);
            if (score < scoreThreshold) { continue; }
            int cell = i / grid.AnchorsPerCell;
            float anchorX = ((cell % grid.Cells) + 0.5f) / grid.Cells;
            float anchorY = ((cell / grid.Cells) + 0.5f) / grid.Cells;
            ReadOnlySpan<float> r = regressors.Slice(i * RegressorsPerAnchor, RegressorsPerAnchor);
            float centreX = anchorX + (r[0] / inputSize);
            float centreY = anchorY + (r[1] / inputSize);
            float halfWidth = r[2] / inputSize / 2;
            float halfHeight = r[3] / inputSize / 2;
            float left = Math.Clamp(letterbox.ToFrameX(centreX - halfWidth), 0, frameWidth);
            float top = Math.Clamp(letterbox.ToFrameY(centreY - halfHeight), 0, frameHeight);
            float right = Math.Clamp(letterbox.ToFrameX(centreX + halfWidth), 0, frameWidth);
            float bottom = Math.Clamp(letterbox.ToFrameY(centreY + halfHeight), 0, frameHeight);
            if (right - left <= 0 || bottom - top <= 0) { continue; }
            var keypoints = new FacePoint[KeypointCount];
            for (int k = 0; k < KeypointCount; k++)
            {
                keypoints[k] = new FacePoint(
                    letterbox.ToFrameX(anchorX + (r[4 + (2 * k)] / inputSize)),
                    letterbox.ToFrameY(anchorY + (r[5 + (2 * k)] / inputSize)));
            }
            candidates.Add(new DetectedFace(left, top, right - left, bottom - top, score, keypoints));
        }
    }

    /// <summary>Keeps the best-scored face of every group overlapping more than <paramref name="iouThreshold"/>, best first.</summary>
    public static List<DetectedFace> SuppressOverlaps(List<DetectedFace> candidates, float iouThreshold)
    {
        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var kept = new List<DetectedFace>();
        foreach (DetectedFace candidate in candidates)
        {
            bool overlaps = false;
            foreach (DetectedFace face in kept)
            {
                if (IntersectionOverUnion(face, candidate) > iouThreshold) { overlaps = true; break; }
            }
            if (!overlaps) { kept.Add(candidate); }
        }
        return kept;
    }

    public static float IntersectionOverUnion(DetectedFace a, DetectedFace b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        float width = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        float height = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (width <= 0 || height <= 0) { return 0; }
        float intersection = width * height;
        return intersection / ((a.Width * a.Height) + (b.Width * b.Height) - intersection);
    }
}

/// <summary>A square grid of anchors: <see cref="AnchorsPerCell"/> anchors centred in each of <see cref="Cells"/>² cells.</summary>
internal readonly record struct AnchorGrid(int Cells, int AnchorsPerCell)
{
    public int Count => Cells * Cells * AnchorsPerCell;
}
