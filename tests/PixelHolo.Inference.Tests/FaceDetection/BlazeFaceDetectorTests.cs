using System.Globalization;
using PixelHolo.Core.Vision;
using PixelHolo.Inference.FaceDetection;
using PixelHolo.TestSupport;
using Xunit.Abstractions;

namespace PixelHolo.Inference.Tests.FaceDetection;

[Collection(nameof(FaceDetectionModels))]
public sealed class BlazeFaceDetectorTests(FaceDetectionFixture models, ITestOutputHelper output)
{
    /// <summary>Frames with one person, and the face box checked by eye on the frame (forehead to chin, cheek to cheek).</summary>
    public static TheoryData<string, double, int, int, float, float, float, float> TalkingHeads => new()
    {
        { "videos/talking_woman_room_720p_9s.mp4", 2, 1280, 720, 640, 140, 225, 260 },
        { "videos/talking_woman_expressive_34s.mp4", 2, 480, 480, 115, 150, 240, 295 },
        { "videos/talking_address_hdtf_8s.mp4", 2, 512, 512, 170, 160, 260, 285 },
        { "videos/grid_s1_concat.mp4", 2, 360, 288, 100, 115, 115, 130 },
        { "images/still_face_obama.jpg", 0, 910, 1137, 365, 130, 250, 265 },
    };

    [Theory]
    [MemberData(nameof(TalkingHeads))]
    public async Task Detect_TalkingHeadFrame_FindsOneFaceOnTheHandCheckedBox(
        string media, double seconds, int width, int height, float x, float y, float w, float h)
    {
        RgbFrame frame = await RgbFrame.ReadAsync(SharedMedia.Path(media), width, height, seconds);

        IReadOnlyList<DetectedFace> faces = models.Front.Detect(frame.Pixels, frame.Width, frame.Height);

        DetectedFace face = Assert.Single(faces);
        var expected = new DetectedFace(x, y, w, h, 1, []);
        float iou = BlazeFaceDecoder.IntersectionOverUnion(face, expected);
        output.WriteLine($"{media}: {Describe(face)}, IoU {iou:F2} with the hand-checked box");
        Assert.True(iou >= 0.5, $"IoU {iou:F2} with the hand-checked box; found {Describe(face)}");
        Assert.InRange(face.Score, 0.5f, 1f);
        Assert.Equal(6, face.Keypoints.Count);
        // The eyes lie inside the box, above the mouth.
        Assert.InRange(face.Keypoints[0].X, face.X, face.X + face.Width);
        Assert.True(face.Keypoints[0].Y < face.Keypoints[3].Y, $"right eye {face.Keypoints[0]} is not above the mouth {face.Keypoints[3]}");
    }

    [Fact]
    public async Task Detect_BackModelOnTalkingHead_FindsTheSameFace()
    {
        RgbFrame frame = await RgbFrame.ReadAsync(SharedMedia.Path("videos/talking_woman_room_720p_9s.mp4"), 1280, 720, 2);

        IReadOnlyList<DetectedFace> faces = models.Back.Detect(frame.Pixels, frame.Width, frame.Height);

        DetectedFace face = Assert.Single(faces);
        float iou = BlazeFaceDecoder.IntersectionOverUnion(face, new DetectedFace(640, 140, 225, 260, 1, []));
        Assert.True(iou >= 0.5, $"IoU {iou:F2}; found {Describe(face)}");
    }

    [Fact]
    public void Detect_BlackFrame_FindsNoFace()
    {
        byte[] black = new byte[640 * 480 * 3];

        Assert.Empty(models.Front.Detect(black, 640, 480));
        Assert.Empty(models.Back.Detect(black, 640, 480));
    }

    [Fact]
    public async Task Detect_TwoClipsSideBySide_FindsTwoFacesOneInEachHalf()
    {
        RgbFrame frame = await RgbFrame.ReadGraphAsync(
            [SharedMedia.Path("videos/talking_address_hdtf_8s.mp4"), SharedMedia.Path("videos/talking_woman_expressive_34s.mp4")],
            "[0:v]scale=480:480[a];[a][1:v]hstack=inputs=2", 960, 480, 2);

        IReadOnlyList<DetectedFace> faces = models.Front.Detect(frame.Pixels, frame.Width, frame.Height);

        Assert.True(faces.Count == 2, $"expected 2 faces, found {faces.Count}: {string.Join("; ", faces.Select(Describe))}");
        Assert.Single(faces, f => f.CenterX < 480);
        Assert.Single(faces, f => f.CenterX >= 480);
    }

    [Fact]
    public void Detect_FrameShorterThanItsSize_ThrowsWithTheExpectedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => models.Front.Detect(new byte[100], 640, 480));

        Assert.Contains("921600", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(DetectedFace f) =>
        string.Create(CultureInfo.InvariantCulture, $"({f.X:F0}, {f.Y:F0}, {f.Width:F0}×{f.Height:F0}) score {f.Score:F2}");
}
