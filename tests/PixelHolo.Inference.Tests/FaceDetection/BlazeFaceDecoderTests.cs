using PixelHolo.Core.Vision;
using PixelHolo.Inference.FaceDetection;

namespace PixelHolo.Inference.Tests.FaceDetection;

public sealed class BlazeFaceDecoderTests
{
    [Fact]
    public void AddCandidates_OneConfidentAnchor_DecodesBoxAndKeypointsFromItsCell()
    {
        // Fine grid, cell (x 3, y 5), second anchor: index (5 * 16 + 3) * 2 + 1; anchor centre (3.5/16, 5.5/16).
        int index = ((5 * 16) + 3) * 2 + 1;
        float[] logits = new float[512];
        Array.Fill(logits, -10f);
        logits[index] = 4f;
        float[] regressors = new float[512 * 16];
        float[] r = [6.4f, -3.2f, 32f, 25.6f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        r.CopyTo(regressors, index * 16);
        var letterbox = Letterbox.For(128, 128, 128);
        var faces = new List<DetectedFace>();

        BlazeFaceDecoder.AddCandidates(faces, BlazeFaceDecoder.Fine, logits, regressors, 0.5f, letterbox, 128, 128);

        DetectedFace face = Assert.Single(faces);
        Assert.Equal(BlazeFaceDecoder.Sigmoid(4f), face.Score, 5);
        // centre = 3.5 / 16 * 128 + 6.4 = 34.4, 5.5 / 16 * 128 - 3.2 = 40.8; size 32 × 25.6
        Assert.Equal(34.4f - 16f, face.X, 3);
        Assert.Equal(40.8f - 12.8f, face.Y, 3);
        Assert.Equal(32f, face.Width, 3);
        Assert.Equal(25.6f, face.Height, 3);
        Assert.Equal(new FacePoint(28f + 1, 44f + 2), face.Keypoints[0]);
        Assert.Equal(new FacePoint(28f + 11, 44f + 12), face.Keypoints[5]);
    }

    [Fact]
    public void AddCandidates_LetterboxedWideFrame_MapsBackToFramePixels()
    {
        // 640×320 → scale 0.2, 128×64 centred with 32 px bars above and below.
        var letterbox = Letterbox.For(640, 320, 128);
        Assert.Equal(32, letterbox.PadY);
        int index = ((3 * 8) + 4) * 6; // coarse grid, cell (x 4, y 3), first anchor: centre (4.5/8, 3.5/8) = (72, 56) input px
        float[] logits = new float[384];
        Array.Fill(logits, -10f);
        logits[index] = 10f;
        float[] regressors = new float[384 * 16];
        regressors[(index * 16) + 2] = 12.8f;
        regressors[(index * 16) + 3] = 12.8f;
        var faces = new List<DetectedFace>();

        BlazeFaceDecoder.AddCandidates(faces, BlazeFaceDecoder.Coarse, logits, regressors, 0.5f, letterbox, 640, 320);

        DetectedFace face = Assert.Single(faces);
        Assert.Equal(72f / 0.2f, face.CenterX, 2);
        Assert.Equal((56f - 32f) / 0.2f, face.CenterY, 2);
        Assert.Equal(64f, face.Width, 2);
        Assert.Equal(64f, face.Height, 2);
    }

    [Fact]
    public void SuppressOverlaps_TwoOverlappingAndOneApart_KeepsBestOfTheGroupAndTheOther()
    {
        var weak = new DetectedFace(10, 10, 100, 100, 0.6f, []);
        var strong = new DetectedFace(15, 12, 100, 100, 0.9f, []);
        var apart = new DetectedFace(300, 10, 100, 100, 0.7f, []);

        List<DetectedFace> kept = BlazeFaceDecoder.SuppressOverlaps([weak, apart, strong], 0.3f);

        Assert.Equal([strong, apart], kept);
    }

    [Fact]
    public void IntersectionOverUnion_HalfOverlap_IsOneThird()
    {
        var a = new DetectedFace(0, 0, 10, 10, 1, []);
        var b = new DetectedFace(5, 0, 10, 10, 1, []);

        Assert.Equal(1f / 3f, BlazeFaceDecoder.IntersectionOverUnion(a, b), 5);
    }
}
